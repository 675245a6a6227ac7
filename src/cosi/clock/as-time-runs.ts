// Waiting for work that only completes as virtual time moves: a service stop waits for its task's SIGKILL 10
// simulated seconds after SIGTERM, and nothing else moves a VirtualClock. On such a clock the waiter moves time a
// step at a time, but only once everything else has settled, so no step is taken that the work did not need.
import type { Clock } from './clock.js';
import { flushMicrotasks, VirtualClock } from './virtual-clock.js';

export interface AsTimeRunsOptions {
  /** Lets what can run without time passing run (a node's or cluster's settle); event-loop turns follow it. */
  readonly settle?: () => Promise<void>;
  /** Virtual time per step, ms. Default 1000. */
  readonly stepMs?: number;
  /** The most virtual time to let pass. Default 120 000 ms. */
  readonly limitMs?: number;
  /** Called (and its error thrown) when the limit is reached with the work still pending. */
  readonly onLimit: (limitMs: number) => Error;
}

const noop = (): void => {};

/** Settle rounds before concluding the work needs time (each is one turn of the event loop). */
const SETTLE_ROUNDS = 50;

/** Resolves as `work` does; on a VirtualClock, moves it while the work waits for time. Other clocks run by themselves. */
export async function awaitAsTimeRuns<T>(clock: Clock, work: Promise<T>, options: AsTimeRunsOptions): Promise<T> {
  if (!(clock instanceof VirtualClock)) return work;
  const { stepMs = 1000, limitMs = 120_000 } = options;
  let done = false;
  const watched = work.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  // after the given settle too: the work may finish a few turns after everything else has settled (a service's
  // stop resolves once its runner has reported the state), and time must not move for it
  const settle = async () => {
    await options.settle?.();
    for (let i = 0; i < SETTLE_ROUNDS && !done; i++) await flushMicrotasks();
  };
  // Steps are instants from the start: waiters of one moment (parallel node operations) move time once per step, and
  // virtual time another caller moved counts as waited. A step queued behind another move (a long cluster.advance)
  // is skipped if the work is done by its turn, and the waiter does not wait for it: its work may finish meanwhile.
  const start = clock.now();
  for (;;) {
    await settle();
    if (done) return watched;
    const waited = clock.now() - start;
    if (waited >= limitMs) throw options.onLimit(limitMs);
    const step = clock.advanceTo(start + (Math.floor(waited / stepMs) + 1) * stepMs, () => !done);
    await Promise.race([step, watched.then(noop, noop)]);
  }
}
