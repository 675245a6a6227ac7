// How many worker threads to start for a requested count: every pool of the squashfs module (reading, extracting,
// compressing) takes its count through here, so none starts more threads than the machine has cores (decoding and
// compressing are CPU-bound: more threads only cost memory, ~10 MB each) and absurd requests are refused.

import { availableParallelism } from 'node:os';

/** Requests above this are refused rather than clamped: they are mistakes, not wishes. */
export const MAX_WORKERS = 256;

/** Is `n` a worker count the pools accept (a whole number from 0 to MAX_WORKERS)? */
export function isValidWorkerCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_WORKERS;
}

/** The threads to start for a valid request: at most one per core. */
export function workerThreads(requested: number): number {
  return Math.min(requested, availableParallelism());
}
