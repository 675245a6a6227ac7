import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { HeavyFirstSequencer } from './test/support/heavy-first-sequencer.js';

/**
 * Files that replace modules (vi.resetModules, vi.doMock): run each in a fresh module registry, so that the copies
 * and mocks they load never reach another file.
 */
const MODULE_RESETTING = ['test/squashfs/block-buffers.test.ts', 'test/squashfs/zstd-native.test.ts'];

export default defineConfig({
  test: {
    // boots and squashfs builds take a few seconds on a busy 2-core machine; a stuck test still fails
    testTimeout: 30_000,
    // builds the squashfs fixture images once per run (cached under node_modules/.cache), and the bundled sim
    globalSetup: ['test/fixtures/squashfs/global-setup.ts', 'test/support/bundled-cli-setup.ts'],
    coverage: { provider: 'v8', include: ['src/**', 'controllers/**', 'resources/**'] },
    // one worker per core (vitest's default leaves one core idle): the suite is mostly CPU-bound
    maxWorkers: availableParallelism(),
    // the files known to run longest start first, also on a clean clone where vitest has no timings
    sequence: { sequencer: HeavyFirstSequencer },
    projects: [
      {
        extends: true,
        // The other files share their worker's module registry: each worker loads talos-sim once instead of once
        // per file, which was more than half of the suite's time. Module state the library keeps (boot media,
        // release facts) is shared as it is in an embedder's test process.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MODULE_RESETTING, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: MODULE_RESETTING, isolate: true } },
    ],
  },
});
