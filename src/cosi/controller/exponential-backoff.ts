// Restart backoff of failed controllers: cenkalti/backoff's defaults as cosi uses them
// (initial 500 ms, ×1.5, ±50 % jitter, intervals capped at 60 s, no elapsed-time limit).
import type { Random } from '../clock/random.js';

export interface BackoffSettings {
  readonly initialMs: number;
  readonly multiplier: number;
  readonly randomization: number;
  readonly maxIntervalMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  initialMs: 500,
  multiplier: 1.5,
  randomization: 0.5,
  maxIntervalMs: 60_000,
};

export class ExponentialBackoff {
  #interval: number;

  constructor(
    private readonly random: Random,
    private readonly settings: BackoffSettings = DEFAULT_BACKOFF,
  ) {
    this.#interval = settings.initialMs;
  }

  /** The next delay: the current interval jittered by ±randomization; then the interval grows. */
  next(): number {
    const delta = this.settings.randomization * this.#interval;
    const low = this.#interval - delta;
    const delay = low + this.random.next() * (2 * delta);
    this.#interval = Math.min(this.#interval * this.settings.multiplier, this.settings.maxIntervalMs);
    return delay;
  }

  reset(): void {
    this.#interval = this.settings.initialMs;
  }
}
