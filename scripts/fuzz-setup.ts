// Loaded into every test file of an `npm run fuzz` run (see fuzz.vitest.config.ts): a fast-check plugin records each
// property's outcome — runs, failure, seed, counterexample path, time — as one JSON line in FUZZ_REPORT, and
// FC_NUM_RUNS becomes the default run count of properties that do not set their own. Failures are still reported by
// fast-check and fail the test as usual.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';

const report = process.env.FUZZ_REPORT;
const runs = Number(process.env.FC_NUM_RUNS ?? 100);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
fc.configureGlobal({ numRuns: runs, ...(seed === undefined ? {} : { seed }) });

export interface FuzzRecord {
  readonly file: string;
  readonly test: string;
  readonly runs: number;
  readonly skips: number;
  readonly ms: number;
  readonly failed: boolean;
  readonly seed: number;
  readonly path?: string;
  readonly error?: string | undefined;
}

if (report !== undefined) {
  fc.installGlobalPlugin(() => {
    const start = performance.now();
    return {
      onAllRunsComplete(details) {
        const state = expect.getState();
        const record: FuzzRecord = {
          file: state.testPath ?? '',
          test: state.currentTestName ?? '',
          runs: details.numRuns,
          skips: details.numSkips,
          ms: performance.now() - start,
          failed: details.failed,
          seed: details.seed,
          ...(details.failed && details.counterexamplePath !== null ? { path: details.counterexamplePath } : {}),
          ...(details.failed ? { error: String(details.errorInstance).split('\n')[0]?.slice(0, 300) } : {}),
        };
        appendFileSync(report, `${JSON.stringify(record)}\n`);
      },
    };
  });
}
