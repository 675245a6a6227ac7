// A clock that only moves when told to. Timers fire in due order (ties in creation order),
// and after each one every pending promise continuation runs, so async code driven by
// timers (controller restarts, service backoff) is deterministic in tests.
import { type Clock, sleepOn, type TimerHandle } from './clock.js';

interface PendingTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Default start: a fixed instant, so golden outputs with timestamps stay stable. */
export const VIRTUAL_CLOCK_EPOCH = Date.UTC(2024, 7, 9, 3, 7, 41);

/** Wakes scheduled with onNextTurn that have not run yet. */
let scheduledWakes = 0;
/** The most turns one flush waits for scheduled wakes: controllers that wake each other forever never quiet down. */
const MAX_WAKE_TURNS = 1000;

/**
 * Runs `fn` on the next turn of the event loop, and has flushMicrotasks wait for it: a controller woken by a write
 * reacts once the writer yields to the event loop (ReconcileSignal), and whoever lets pending work run (a timer's
 * callback in advance(), a runtime's settle()) waits for that reaction and for the ones it causes.
 */
export function onNextTurn(fn: () => void): void {
  scheduledWakes++;
  setImmediate(() => {
    scheduledWakes--;
    fn();
  });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Lets every queued promise continuation run (a macrotask runs only once the microtask queue is empty), and every
 * wake scheduled with onNextTurn meanwhile, with the wakes those cause in turn.
 */
export async function flushMicrotasks(): Promise<void> {
  await nextTurn();
  for (let turns = 0; scheduledWakes > 0 && turns < MAX_WAKE_TURNS; turns++) await nextTurn();
}

/** The last instant a Date holds (+275760-09-13T00:00:00Z), in ms since the epoch. */
export const MAX_TIME_MS = 8.64e15;

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];

  constructor(start: number = VIRTUAL_CLOCK_EPOCH) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { due: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Number of timers still waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /**
   * Moves time forward by ms, firing every timer that falls due on the way, in order; timers
   * created by those callbacks fire too when they fall inside the window.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    if (!(ms >= 0) || !(target <= MAX_TIME_MS)) {
      throw new RangeError(`VirtualClock.advance(${ms}): not a duration that keeps the clock within a Date's range`);
    }
    await flushMicrotasks();
    for (;;) {
      const next = this.#next();
      if (next === undefined || next.due > target) break;
      this.#fire(next);
      await flushMicrotasks();
    }
    this.#now = target;
  }

  /** Fires timers until none is left, up to `limit` of them (guards against self-rescheduling timers). */
  async runAll(limit = 10_000): Promise<void> {
    await flushMicrotasks();
    for (let fired = 0; fired < limit; fired++) {
      const next = this.#next();
      if (next === undefined) return;
      this.#fire(next);
      await flushMicrotasks();
    }
    throw new Error(`VirtualClock.runAll: still running after ${limit} timers`);
  }

  #next(): PendingTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (best === undefined || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  #fire(timer: PendingTimer): void {
    timer.cancelled = true;
    this.#now = Math.max(this.#now, timer.due);
    timer.fn();
  }
}
