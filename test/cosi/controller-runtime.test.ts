import { describe, expect, it } from 'vitest';
import {
  ControllerRuntime,
  constantRandom,
  InMemoryState,
  MemoryLogger,
  newResource,
  State,
  VirtualClock,
} from '../../src/cosi/index.js';
import { thrown } from '../support/errors.js';
import {
  copyingController,
  IntToStrController,
  ScriptedController,
  STR_TYPE,
  type StrSpec,
} from './conformance/controllers.js';
import { intResource, KIND, NS, ptr } from './conformance/fixtures.js';
import { runtimeSetup } from './conformance/runtime-setup.js';

const STR_KIND = { namespace: NS, type: STR_TYPE };

describe('ControllerRuntime', () => {
  it('runs an input-less controller once at start', async () => {
    const { runtime, state } = runtimeSetup();
    let runs = 0;
    runtime.registerController(
      new ScriptedController('test.OnceController', [], [{ type: STR_TYPE, kind: 'exclusive' }], async (r) => {
        if (!(await r.nextEvent())) return;
        runs++;
        await r.create(newResource(NS, STR_TYPE, 'x', { value: 'hi' }));
      }),
    );
    runtime.start();
    await runtime.settle();
    expect(runs).toBe(1);
    const [x] = await state.list(STR_KIND);
    expect([x?.metadata.owner, x?.metadata.version]).toEqual(['test.OnceController', 1]);
    expect(runtime.controllers()[0]?.status).toBe('finished');
    await runtime.stop();
  });

  it('coalesces a burst of input events during a reconcile into one more reconcile', async () => {
    const { runtime, state } = runtimeSetup();
    let reconciles = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    runtime.registerController(
      new ScriptedController('test.SlowController', [{ ...KIND, kind: 'weak' }], [], async (r) => {
        while (await r.nextEvent()) {
          reconciles++;
          if (reconciles === 1) await gate;
        }
      }),
    );
    runtime.start();
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 100; i++) await state.create(intResource(`i${i}`));
    release();
    await runtime.settle();
    expect(reconciles).toBe(2);
    await runtime.stop();
  });

  it('wakes a parked controller once for a burst of writes made in one turn of the event loop', async () => {
    const { runtime, state } = runtimeSetup();
    const seen: number[] = [];
    runtime.registerController(
      new ScriptedController('test.CountingController', [{ ...KIND, kind: 'weak' }], [], async (r) => {
        while (await r.nextEvent()) seen.push((await r.list(KIND)).length);
      }),
    );
    runtime.start();
    await runtime.settle();
    // each write awaits the previous one: a controller woken at once would reconcile between them
    for (let i = 0; i < 5; i++) await state.create(intResource(`i${i}`));
    expect(runtime.idle).toBe(false);
    await runtime.settle();
    expect(seen).toEqual([0, 5]);
    await state.create(intResource('later'));
    await runtime.settle();
    expect(seen).toEqual([0, 5, 6]);
    await runtime.stop();
  });

  it('reports controllers that trigger each other forever instead of running them on microtasks alone', async () => {
    const { runtime } = runtimeSetup();
    // A writes b + 1, B writes a + 1: each write wakes the other, which is busy with its own write
    const plusOne = (spec: object | undefined) => ({
      value: ((spec as { value?: number } | undefined)?.value ?? 0) + 1,
    });
    runtime.registerController(copyingController('B', 'A', plusOne));
    runtime.registerController(copyingController('A', 'B', plusOne));
    runtime.start();
    // a timer still fires while they run: the event loop turns
    const fired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20));
    expect(fired).toBe(true);
    await expect(runtime.settle(20)).rejects.toThrow(/^controllers did not settle: test\.[AB]/);
    await runtime.stop();
  });

  it('restarts a failing controller after 0.5 s, then ×1.5, and resets the backoff after success', async () => {
    const { runtime, clock, logger } = runtimeSetup();
    const starts: number[] = [];
    runtime.registerController(
      new ScriptedController('test.FlakyController', [], [], async (r) => {
        await r.nextEvent();
        starts.push(clock.now());
        if (starts.length <= 3) throw new Error(`boom ${starts.length}`);
        r.resetRestartBackoff();
        if (starts.length === 4) throw new Error('after reset');
        await r.nextEvent();
      }),
    );
    runtime.start();
    await runtime.settle();
    await clock.advance(5000);
    await runtime.settle();
    expect(starts).toEqual([0, 500, 1250, 2375, 2875]);
    const info = runtime.controllers()[0];
    expect([info?.failures, info?.lastError?.message, info?.status]).toEqual([4, 'after reset', 'running']);
    const restarts = logger.entries.filter((e) => e.message.startsWith('restarting controller in'));
    expect(restarts.map((e) => e.message)).toEqual([
      'restarting controller in 500ms',
      'restarting controller in 750ms',
      'restarting controller in 1.125s',
      'restarting controller in 500ms',
    ]);
    expect(logger.entries.find((e) => e.level === 'error')?.fields).toEqual({
      controller: 'test.FlakyController',
      error: 'boom 1',
    });
    await runtime.stop();
  });

  it('jitters the restart delay by ±50 % with the injected random source', async () => {
    for (const [random, delay] of [
      [0, 250],
      [0.999, 749.5],
    ] as const) {
      const clock = new VirtualClock(0);
      const state = new State(new InMemoryState({ clock }));
      const runtime = new ControllerRuntime({
        state,
        clock,
        random: constantRandom(random),
        logger: new MemoryLogger(),
      });
      const starts: number[] = [];
      runtime.registerController(
        new ScriptedController('test.FailOnce', [], [], async (r) => {
          await r.nextEvent();
          starts.push(clock.now());
          if (starts.length === 1) throw new Error('x');
        }),
      );
      runtime.start();
      await clock.advance(1000);
      expect(starts).toEqual([0, delay]);
      await runtime.stop();
    }
  });

  it('reports a thrown non-Error value as a panic', async () => {
    const { runtime } = runtimeSetup();
    runtime.registerController(
      new ScriptedController('test.PanicController', [], [], async (r) => {
        await r.nextEvent();
        throw 'oops';
      }),
    );
    runtime.start();
    await runtime.settle();
    expect(runtime.controllers()[0]?.lastError?.message).toBe('controller "test.PanicController" panicked: oops');
    await runtime.stop();
  });

  it('runs the teardown pattern end to end: input version trace 1→2→3→4→gone', async () => {
    const { runtime, state } = runtimeSetup();
    const controller = new IntToStrController();
    runtime.registerController(controller);
    runtime.start();
    const trace: (number | string)[] = [];
    const sub = state.watch(ptr('a')).subscribe((e) => {
      if (e.type !== 'Destroyed' || e.resource.metadata.version !== undefined) {
        trace.push(e.type === 'Destroyed' ? 'gone' : (e.resource.metadata.version as number));
      }
    });
    await state.create(intResource('a', 7));
    await runtime.settle();
    const [out] = await state.list(STR_KIND);
    expect([out?.spec, out?.metadata.owner]).toEqual([{ value: '7' } satisfies StrSpec, 'test.IntToStrController']);
    await state.teardownAndDestroy(ptr('a'));
    await runtime.settle();
    expect(trace).toEqual([1, 2, 3, 4, 'gone']);
    expect(await state.list(STR_KIND)).toEqual([]);
    sub.unsubscribe();
    await runtime.stop();
  });

  it('wakes a destroyReady input only for tearing-down resources without finalizers', async () => {
    const { runtime, state } = runtimeSetup();
    let reconciles = 0;
    runtime.registerController(
      new ScriptedController('test.DR', [{ ...KIND, kind: 'destroyReady' }], [], async (r) => {
        while (await r.nextEvent()) reconciles++;
      }),
    );
    runtime.start();
    await runtime.settle();
    expect(reconciles).toBe(1);
    await state.create(intResource('a'));
    await state.addFinalizer(ptr('a'), 'f');
    await state.teardown(ptr('a'));
    await runtime.settle();
    expect(reconciles).toBe(1);
    await state.removeFinalizer(ptr('a'), 'f');
    await runtime.settle();
    expect(reconciles).toBe(2);
    await runtime.stop();
  });

  it('cleans up owned outputs not written in the cycle', async () => {
    const { runtime, state } = runtimeSetup();
    const wanted = new Set(['a', 'b']);
    runtime.registerController(
      new ScriptedController(
        'test.Tracker',
        [{ ...KIND, kind: 'weak' }],
        [{ type: STR_TYPE, kind: 'shared' }],
        async (r) => {
          while (await r.nextEvent()) {
            r.startTrackingOutputs();
            for (const id of wanted) await r.modify(newResource(NS, STR_TYPE, id, { value: id }), () => {});
            await r.cleanupOutputs(STR_KIND);
          }
        },
      ),
    );
    await state.create(newResource(NS, STR_TYPE, 'foreign', { value: 'x' }), { owner: 'someone-else' });
    runtime.start();
    await runtime.settle();
    wanted.delete('a');
    await state.create(intResource('poke'));
    await runtime.settle();
    expect((await state.list(STR_KIND)).map((r) => r.metadata.id)).toEqual(['b', 'foreign']);
    await runtime.stop();
  });

  it('stops: loops end, runtimes see their signal aborted', async () => {
    const { runtime } = runtimeSetup();
    let aborted = false;
    runtime.registerController(
      new ScriptedController('test.Waiter', [], [], async (r) => {
        while (await r.nextEvent()) {}
        aborted = r.signal.aborted;
      }),
    );
    runtime.start();
    await runtime.settle();
    await runtime.stop();
    expect(aborted).toBe(true);
    expect(runtime.controllers()[0]?.status).toBe('stopped');
    expect(thrown(() => runtime.start())).toHaveProperty('message', 'runtime has already been started');
  });
});
