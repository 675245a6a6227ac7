// The real clock, for the CLI and for embedders who want wall time.
import { type Clock, sleepOn, type TimerHandle } from './clock.js';

/** The longest delay Node's setTimeout takes as given. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    // Node fires a delay over 2^31 - 1 ms (~24.8 days) after 1 ms: a longer one is waited for in parts
    const due = Date.now() + Math.max(0, ms);
    let timer: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const left = due - Date.now();
      timer = left > MAX_DELAY_MS ? setTimeout(arm, MAX_DELAY_MS) : setTimeout(fn, Math.max(0, left));
    };
    if (ms > MAX_DELAY_MS) arm();
    else timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}
