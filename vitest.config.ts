import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // builds the squashfs fixture images once per run (cached under node_modules/.cache)
    globalSetup: ['test/fixtures/squashfs/global-setup.ts'],
    coverage: { provider: 'v8', include: ['src/**', 'controllers/**', 'resources/**'] },
  },
});
