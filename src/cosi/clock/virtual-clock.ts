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

/** Lets every queued promise continuation run (a macrotask runs only once the microtask queue is empty). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The most turns advance() and runAll() wait after a timer for the turns it caused: controllers that keep waking each
 * other on one clock never quiet down, and time has to move on.
 */
const MAX_CAUSED_TURNS = 1000;

/** Cancelled timers are dropped once there are more than this many, and they are half of the timers kept. */
const COMPACT_AFTER = 64;

/** The last instant a Date holds (+275760-09-13T00:00:00Z), in ms since the epoch. */
export const MAX_TIME_MS = 8.64e15;

const always = (): boolean => true;

/** The clock's own refusal to move past a Date's range (a timer's RangeError is not one). */
export class ClockRangeError extends RangeError {}

function outOfRange(ms: number): ClockRangeError {
  return new ClockRangeError(`VirtualClock.advance(${ms}): not a duration that keeps the clock within a Date's range`);
}

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];
  /** Turns scheduled with onNextTurn that have not run yet. */
  #turns = 0;
  /** Timers cancelled (or fired) and still in #timers. */
  #cancelled = 0;
  /** The last advance() or runAll() called: each runs once the one before it has finished. */
  #moving: Promise<void> = Promise.resolve();

  constructor(start: number = VIRTUAL_CLOCK_EPOCH) {
    if (!(Math.abs(start) <= MAX_TIME_MS)) throw new RangeError(`VirtualClock(${start}): not an instant a Date holds`);
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
        if (timer.cancelled) return;
        timer.cancelled = true;
        // a clock nobody advances must not keep what cancelled timers hold (a node rebooted in a loop)
        if (++this.#cancelled > COMPACT_AFTER && this.#cancelled * 2 > this.#timers.length) this.#compact();
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /**
   * Runs fn on the next turn of the event loop, counted: after each timer, advance() and runAll() wait until the turns
   * it caused have run (a controller woken by a write reacts once the writer yields to the event loop, see
   * ReconcileSignal), and the turns those cause, so a chain of controllers reacts at the timer's instant.
   */
  onNextTurn(fn: () => void): void {
    this.#turns++;
    setImmediate(() => {
      this.#turns--;
      fn();
    });
  }

  /** Lets pending continuations run, then the turns scheduled on this clock and the ones they schedule. */
  async #quiesce(): Promise<void> {
    await flushMicrotasks();
    for (let turns = 0; this.#turns > 0 && turns < MAX_CAUSED_TURNS; turns++) await flushMicrotasks();
  }

  /** Number of timers still waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /**
   * Moves time forward by ms, firing every timer that falls due on the way, in order; timers
   * created by those callbacks fire too when they fall inside the window. Calls that overlap run one after another,
   * each from where the one before it left the clock, so time only moves forward and by the sum of the calls.
   */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0)) return Promise.reject(outOfRange(ms));
    return this.#inTurn(() => this.#moveTo(this.#now + ms, ms, always));
  }

  /**
   * Moves time forward to `instant`, as advance() does; nothing when the clock is already there (several waiters
   * that each need time to reach one instant move it once, not once each). `still()` is asked when the move's turn
   * comes and after each timer it fires: once it says false the move ends where the clock is (the waiter's work is
   * done, perhaps by a timer this move fired).
   */
  advanceTo(instant: number, still: () => boolean = always): Promise<void> {
    if (!(Math.abs(instant) <= MAX_TIME_MS)) return Promise.reject(outOfRange(instant - this.#now));
    return this.#inTurn(() => this.#moveTo(Math.max(this.#now, instant), instant - this.#now, still));
  }

  /** Moves to target, firing what falls due; stops where the clock is as soon as `still()` says false. */
  async #moveTo(target: number, asked: number, still: () => boolean): Promise<void> {
    if (!(target <= MAX_TIME_MS)) throw outOfRange(asked);
    if (!still()) return;
    await this.#quiesce();
    for (;;) {
      // the waiter's work may be done by a timer this move fired: time stays at that timer's instant
      if (!still()) return;
      const next = this.#next();
      if (next === undefined || next.due > target) break;
      this.#fire(next);
      await this.#quiesce();
    }
    this.#now = target;
  }

  /**
   * Fires timers until none is left, up to `limit` of them (guards against self-rescheduling timers); after any
   * advance() or runAll() already running.
   */
  runAll(limit = 10_000): Promise<void> {
    return this.#inTurn(async () => {
      await this.#quiesce();
      for (let fired = 0; fired < limit; fired++) {
        const next = this.#next();
        if (next === undefined) return;
        this.#fire(next);
        await this.#quiesce();
      }
      throw new Error(`VirtualClock.runAll: still running after ${limit} timers`);
    });
  }

  /** Runs move once every earlier advance() and runAll() has finished, whether it succeeded or not. */
  #inTurn(move: () => Promise<void>): Promise<void> {
    const run = this.#moving.then(move);
    this.#moving = run.catch(() => {});
    return run;
  }

  #compact(): void {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    this.#cancelled = 0;
  }

  #next(): PendingTimer | undefined {
    this.#compact();
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (best === undefined || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  #fire(timer: PendingTimer): void {
    timer.cancelled = true;
    this.#cancelled++;
    this.#now = Math.max(this.#now, timer.due);
    timer.fn();
  }
}
