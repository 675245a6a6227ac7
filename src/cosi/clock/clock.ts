// Time as the simulator sees it. Everything that reads the time or waits takes a Clock,
// so a whole node runs on virtual time in tests and on the system clock in the CLI.

/** A timer that can be cancelled; returned by Clock.setTimeout. */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs fn once after ms milliseconds of this clock's time. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Resolves after ms milliseconds, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runs fn on the next turn of the event loop, as work this clock's time waits for: a VirtualClock lets such turns
   * run after each timer it fires (a controller woken by what the timer's callback wrote). Optional: without it, the
   * turn is an ordinary setImmediate.
   */
  onNextTurn?(fn: () => void): void;
}

/** Shared implementation of Clock.sleep on top of setTimeout. */
export function sleepOn(clock: Pick<Clock, 'setTimeout'>, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
