// The wall clock: a delay longer than Node's setTimeout takes (2^31 - 1 ms) is waited for in full, not fired at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SystemClock } from '../../src/cosi/index.js';

describe('SystemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits out a delay over 2^31 - 1 ms, and cancels it meanwhile', () => {
    vi.useFakeTimers();
    const clock = new SystemClock();
    const fired: string[] = [];
    const long = 2 ** 31 + 5000;
    clock.setTimeout(() => fired.push('long'), long);
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), long);
    vi.advanceTimersByTime(10);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(2 ** 31 - 1);
    cancelled.cancel();
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(long);
    expect(fired).toEqual(['long']);
  });
});
