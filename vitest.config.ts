import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // boots and squashfs builds take a few seconds on a busy 2-core machine; a stuck test still fails
    testTimeout: 30_000,
    // builds the squashfs fixture images once per run (cached under node_modules/.cache)
    globalSetup: ['test/fixtures/squashfs/global-setup.ts'],
    coverage: { provider: 'v8', include: ['src/**', 'controllers/**', 'resources/**'] },
  },
});
