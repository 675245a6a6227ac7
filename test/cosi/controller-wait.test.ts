// Waiting for an event or for time: a controller that races nextEvent() against a timer must never lose a reconcile,
// and periodic controllers requeue themselves on the runtime's clock.
import { describe, expect, it } from 'vitest';
import { ExponentialBackoff, newResource, type Runtime, seededRandom } from '../../src/cosi/index.js';
import { rejection } from '../support/errors.js';
import { copyingController, letterKind, ScriptedController } from './conformance/controllers.js';
import { intResource, KIND, ptr } from './conformance/fixtures.js';
import { runtimeSetup } from './conformance/runtime-setup.js';

/** Resolves at the next event or after ms, whichever comes first, abandoning the loser cleanly. */
async function eventOrTimeout(r: Runtime, ms: number) {
  const abort = new AbortController();
  const swallow = () => {};
  const event = r.nextEvent({ signal: abort.signal });
  const timer = r.sleep(ms, abort.signal);
  event.catch(swallow);
  timer.catch(swallow);
  try {
    return await Promise.race([event, timer.then(() => 'timeout' as const)]);
  } finally {
    abort.abort();
  }
}

describe('Runtime waits', () => {
  it('a reconcile that arrives after a timer won the race is not swallowed by the abandoned wait', async () => {
    const { runtime, clock, state } = runtimeSetup();
    await state.create(intResource('a', 0));
    const seen: number[] = [];
    runtime.registerController(
      new ScriptedController('test.PeriodicController', [{ ...KIND, kind: 'weak' }], [], async (r) => {
        await r.nextEvent();
        for (;;) {
          seen.push(((await r.get(ptr('a'))).spec as { value: number }).value);
          await r.sleep(100); // work that takes time, while no wait is pending
          if ((await eventOrTimeout(r, 1000)) === false) return;
        }
      }),
    );
    runtime.start();
    await runtime.settle();
    await clock.advance(1150); // the timer wins at 1100 (a second reconcile reads 0); the work runs until 1200
    await state.modify(intResource('a'), (r) => {
      r.spec.value = 1;
    });
    await clock.advance(50);
    await runtime.settle();
    expect(seen).toEqual([0, 0, 1]);
    await runtime.stop();
  });

  it('an aborted wait rejects with the signal reason and leaves the next event to the next wait', async () => {
    const { runtime } = runtimeSetup();
    const outcomes: string[] = [];
    runtime.registerController(
      new ScriptedController('test.AbortController', [], [], async (r) => {
        await r.nextEvent();
        const abort = new AbortController();
        const waiting = r.nextEvent({ signal: abort.signal });
        abort.abort(new Error('gave up'));
        outcomes.push((await rejection(waiting)).message);
        r.queueReconcile();
        outcomes.push(String(await r.nextEvent()));
        outcomes.push(String(await r.nextEvent({ signal: AbortSignal.abort() }).catch(() => 'rejected at once')));
      }),
    );
    runtime.start();
    await runtime.settle();
    expect(outcomes).toEqual(['gave up', 'true', 'rejected at once']);
    await runtime.stop();
  });

  it('requeueAfter wakes the controller on the runtime clock, and stop cancels the pending requeue', async () => {
    const { runtime, clock } = runtimeSetup();
    const wakes: number[] = [];
    runtime.registerController(
      new ScriptedController('test.TickerController', [], [], async (r) => {
        while (await r.nextEvent()) {
          wakes.push(clock.now());
          r.requeueAfter(250);
        }
      }),
    );
    runtime.start();
    await runtime.settle();
    await clock.advance(1000);
    await runtime.settle();
    expect(wakes).toEqual([0, 250, 500, 750, 1000]);
    await runtime.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('a chain of controllers reacts to a timer at its instant, before advance() moves on', async () => {
    const { runtime, clock, state } = runtimeSetup();
    // A writes a on start and once more 1 s later; B copies a to b, C b to c, D c to d
    runtime.registerController(
      new ScriptedController('test.A', [], [{ type: letterKind('A').type, kind: 'exclusive' }], async (r) => {
        for (let tick = 0; await r.nextEvent(); tick++) {
          await r.modify(newResource(KIND.namespace, letterKind('A').type, 'x', { tick }), (res) => {
            res.spec = { tick };
          });
          if (tick === 0) r.requeueAfter(1000);
        }
      }),
    );
    const copy = (spec: object | undefined) => spec;
    for (const [from, to] of [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'D'],
    ] as const) {
      runtime.registerController(copyingController(from, to, copy));
    }
    runtime.start();
    await runtime.settle();
    await clock.advance(10_000);
    const d = await state.get({ ...letterKind('D'), id: 'x' });
    expect([d.spec, d.metadata.updated.getTime()]).toEqual([{ tick: 1 }, 1000]);
    await runtime.stop();
  });

  it('exports the restart backoff: 500 ms ×1.5 with ±50 % jitter, capped at 60 s', () => {
    const backoff = new ExponentialBackoff(seededRandom(1));
    const delays = Array.from({ length: 20 }, () => backoff.next());
    delays.forEach((d, i) => {
      const nominal = Math.min(500 * 1.5 ** i, 60_000);
      expect(d).toBeGreaterThanOrEqual(nominal * 0.5);
      expect(d).toBeLessThanOrEqual(nominal * 1.5);
    });
  });
});
