import { describe, expect, it } from 'vitest';
import { VIRTUAL_CLOCK_EPOCH, VirtualClock } from '../../src/cosi/index.js';

describe('VirtualClock', () => {
  it('starts at a fixed instant and moves only when advanced', async () => {
    const clock = new VirtualClock();
    expect(new Date(clock.now()).toISOString()).toBe('2024-08-09T03:07:41.000Z');
    await clock.advance(1500);
    expect(clock.now()).toBe(VIRTUAL_CLOCK_EPOCH + 1500);
  });

  it('fires timers in due order, ties in creation order, including timers set by timers', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@200'), 200);
    clock.setTimeout(() => {
      fired.push('a@100');
      clock.setTimeout(() => fired.push('c@150'), 50);
    }, 100);
    clock.setTimeout(() => fired.push('b2@200'), 200);
    const cancelled = clock.setTimeout(() => fired.push('never'), 120);
    cancelled.cancel();
    await clock.advance(199);
    expect(fired).toEqual(['a@100', 'c@150']);
    await clock.advance(1);
    expect(fired).toEqual(['a@100', 'c@150', 'b@200', 'b2@200']);
  });

  it('resumes async code waiting on sleep, with its continuations run before the next timer', async () => {
    const clock = new VirtualClock(0);
    const trace: string[] = [];
    const task = (async () => {
      await clock.sleep(10);
      trace.push(`woke ${clock.now()}`);
      await Promise.resolve();
      await clock.sleep(10);
      trace.push(`woke ${clock.now()}`);
    })();
    await clock.advance(25);
    await task;
    expect(trace).toEqual(['woke 10', 'woke 20']);
    expect(clock.now()).toBe(25);
  });

  it('rejects a sleep whose signal aborts and never fires it', async () => {
    const clock = new VirtualClock(0);
    const ac = new AbortController();
    const sleeping = clock.sleep(100, ac.signal);
    ac.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
  });
});
