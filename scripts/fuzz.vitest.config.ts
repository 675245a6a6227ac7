// The vitest configuration of `npm run fuzz`: the project's, plus the setup file that records every property run.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      setupFiles: ['scripts/fuzz-setup.ts'],
      // long budgets: a property may run for many minutes
      testTimeout: 0,
      hookTimeout: 0,
      pool: 'forks',
      maxWorkers: 1,
    },
  }),
);
