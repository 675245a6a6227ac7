// Shared shape of benchmark suites: each `bench/*.bench.ts` default-exports a Suite.
// Results are ratios against a baseline measured in the same run, so they survive noisy machines.

/** One measured figure. `ratio` compares against `baseline` (same unit) when a baseline exists. */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly value: number };
  /** Goal as text, e.g. "≤ 1.5× memfs"; `met` says whether this run met it. */
  readonly goal?: string;
  readonly met?: boolean;
  readonly note?: string;
  /**
   * The same figure measured on several Node runtimes (baseline and note shared): RESULTS.md then gets a column per
   * runtime, each with its value, ratio and goal; `value`, `goal` and `met` above repeat the first runtime's.
   */
  readonly runtimes?: readonly RuntimeFigure[];
}

/** One runtime's value of a figure. */
export interface RuntimeFigure {
  /** e.g. "Node v24.22.3" */
  readonly runtime: string;
  readonly value: number;
  readonly goal?: string;
  readonly met?: boolean;
  /** This runtime's own baseline (e.g. its `node -e 0`), instead of the figure's shared one. */
  readonly baseline?: { readonly name: string; readonly value: number };
}

export interface BenchSuite {
  readonly title: string;
  run(ctx: BenchContext): Promise<readonly BenchFigure[]>;
}

export interface BenchContext {
  /** Git-ignored scratch directory for cached inputs (e.g. generated images). */
  readonly cacheDir: string;
  /** Scale factor from BENCH_SCALE (default 1); suites shrink their inputs below 1 for smoke runs. */
  readonly scale: number;
  log(line: string): void;
}

/** Runs fn repeatedly for at least minMs and returns operations per second. */
export function opsPerSecond(fn: () => void, minMs = 300): number {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    ops++;
    elapsed = performance.now() - start;
  }
  return (ops * 1000) / elapsed;
}

/** Wall time of an async function in milliseconds, best of `runs`. */
export async function bestOf(runs: number, fn: () => Promise<void> | void): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
