import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { awaitAsTimeRuns, VIRTUAL_CLOCK_EPOCH, VirtualClock } from '../../src/cosi/index.js';

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

  it('runs overlapping advances one after another: time only moves forward, by their sum', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 1_800_000);
    const seen: number[] = [];
    const hour = clock.advance(3_600_000).then(() => seen.push(clock.now()));
    const second = clock.advance(1000).then(() => seen.push(clock.now()));
    const all = clock.runAll().then(() => seen.push(clock.now()));
    await Promise.all([hour, second, all]);
    expect(fired).toEqual([1_800_000]);
    expect(seen).toEqual([3_600_000, 3_601_000, 3_601_000]);
  });

  it('advanceTo moves to an instant, and not at all when the clock is already there', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 500);
    await Promise.all([clock.advanceTo(1000), clock.advanceTo(1000), clock.advanceTo(400)]);
    expect([clock.now(), fired]).toEqual([1000, [500]]);
    await expect(clock.advanceTo(Number.NaN)).rejects.toThrow(RangeError);
  });

  it('lets waiters of one moment move time together: four 10 s stops in parallel take 10 s', async () => {
    const clock = new VirtualClock(0);
    const stop = () => clock.sleep(10_000).then(() => clock.now());
    const wait = (work: Promise<number>) =>
      awaitAsTimeRuns(clock, work, { onLimit: (ms) => new Error(`still waiting after ${ms} ms`) });
    expect(await Promise.all([1, 2, 3, 4].map(() => wait(stop())))).toEqual(Array(4).fill(10_000));
    expect(clock.now()).toBe(10_000);
  });

  it('ends the step of a waiter where its work got done: no time moves after it returns', async () => {
    const clock = new VirtualClock(0);
    const done = await awaitAsTimeRuns(
      clock,
      clock.sleep(1500).then(() => clock.now()),
      { onLimit: (ms) => new Error(`still waiting after ${ms} ms`) },
    );
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 300);
    for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect([done, clock.now(), fired]).toEqual([1500, 1500, []]);
  });

  it('goes on after an advance that was refused', async () => {
    const clock = new VirtualClock(0);
    const refused = clock.advance(Number.MAX_VALUE);
    const next = clock.advance(10);
    await expect(refused).rejects.toThrow(RangeError);
    await next;
    expect(clock.now()).toBe(10);
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
  });

  it('lets go of cancelled timers even when it is never advanced', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const clock = new VirtualClock(0);
    const live = clock.setTimeout(() => {}, 10);
    const held = (() => {
      const payload = { bytes: new Uint8Array(1024) };
      clock.setTimeout(() => payload.bytes.length, 1000).cancel();
      return new WeakRef(payload);
    })();
    for (let i = 0; i < 1000; i++) clock.setTimeout(() => {}, 1000).cancel();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(held.deref()).toBeUndefined();
    expect(clock.pendingTimers).toBe(1);
    live.cancel();
  });
});
