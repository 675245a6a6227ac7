// system/service_runner_test.go and runner/restart/restart_test.go with mock services and runners: state
// sequences, the wrapped errors of each stage, an aborted wait, a failing post stage, history across runs.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/cosi/index.js';
import { createNodeFs, Tmpfs } from '../../src/overlayfs-sim/index.js';
import {
  type Condition,
  type EventSink,
  FileCondition,
  RestartRunner,
  type Runner,
  type ServiceDefinition,
  ServiceRunner,
  SKIPPED,
  serviceReleaseFacts,
  waitForAll,
} from '../../src/services/index.js';
import { rejection } from '../support/errors.js';

class MockRunner implements Runner {
  runs = 0;
  #exit: ((err?: Error) => void) | undefined;
  constructor(private readonly results: (Error | undefined | 'block')[] = ['block']) {}
  async open(): Promise<void> {}
  async close(): Promise<void> {}
  run(sink: EventSink): Promise<void> {
    const result = this.results[Math.min(this.runs, this.results.length - 1)];
    this.runs++;
    sink('Running', 'Running');
    if (result !== 'block') return result === undefined ? Promise.resolve() : Promise.reject(result);
    return new Promise((resolve, reject) => {
      this.#exit = (err) => (err === undefined ? resolve() : reject(err));
    });
  }
  exit(err?: Error): void {
    this.#exit?.(err);
  }
  async stop(): Promise<void> {
    this.#exit?.();
  }
  toString(): string {
    return 'MockRunner()';
  }
}

class MockCondition implements Condition {
  #resolve: (() => void) | undefined;
  constructor(private readonly name: string) {}
  describe(): string {
    return this.name;
  }
  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      signal.addEventListener('abort', () => reject(new Error('context canceled')));
    });
  }
  satisfy(): void {
    this.#resolve?.();
  }
}

function service(init: {
  condition?: () => Condition | undefined;
  preError?: Error;
  postError?: Error;
  runnerError?: Error;
  runner?: Runner | null;
}): ServiceDefinition {
  return {
    id: 'MockRunner',
    dependsOn: () => [],
    condition: init.condition ?? (() => undefined),
    preFunc: async () => {
      if (init.preError) throw init.preError;
    },
    postFunc: async () => {
      if (init.postError) throw init.postError;
    },
    runner: async () => {
      if (init.runnerError) throw init.runnerError;
      return init.runner === null ? undefined : (init.runner ?? new MockRunner());
    },
    healthChecked: false,
    apiStartAllowed: true,
    apiStopAllowed: true,
    apiRestartAllowed: true,
  };
}

function runnerFor(def: ServiceDefinition, clock = new VirtualClock()) {
  const sr = new ServiceRunner(def, {
    clock,
    release: serviceReleaseFacts('v1.14.0-rc.1'),
    services: { lookup: () => undefined },
    recordPid: async () => {},
    onEvent: () => {},
  });
  return { sr, clock, states: () => sr.events().map((e) => e.state) };
}

describe('ServiceRunner (service_runner_test.go)', () => {
  it('TestFullFlow / TestFullFlowRestart: two runs, one history', async () => {
    const { sr, clock, states } = runnerFor(service({ condition: () => waitForAll() }));
    for (let i = 0; i < 2; i++) {
      const run = sr.run(() => {});
      await clock.advance(0);
      expect(sr.state).toBe('Running');
      sr.shutdown();
      expect(await run).toBeUndefined();
    }
    expect(states()).toEqual([
      'Starting',
      'Waiting',
      'Preparing',
      'Preparing',
      'Running',
      'Starting',
      'Waiting',
      'Preparing',
      'Preparing',
      'Running',
    ]);
  });

  it('TestWaitingDescriptionChange: Waiting for cond1, cond2, then Waiting for cond2', async () => {
    const cond1 = new MockCondition('cond1');
    const cond2 = new MockCondition('cond2');
    const { sr, clock } = runnerFor(service({ condition: () => waitForAll(cond1, cond2) }));
    const run = sr.run(() => {});
    await clock.advance(1000);
    cond1.satisfy();
    await clock.advance(1000);
    cond2.satisfy();
    await clock.advance(0);
    sr.shutdown();
    await run;
    expect(
      sr
        .events()
        .map((e) => e.message)
        .slice(1, 3),
    ).toEqual(['Waiting for cond1, cond2', 'Waiting for cond2']);
  });

  it('TestPreStageFail, TestRunnerStageFail, TestRunnerStageSkipped', async () => {
    const pre = runnerFor(service({ preError: new Error('pre failed') }));
    expect((await rejection(pre.sr.run(() => {}))).message).toBe('failed to run pre stage: pre failed');
    expect(pre.states()).toEqual(['Starting', 'Preparing']);
    const create = runnerFor(service({ runnerError: new Error('runner failed') }));
    expect((await rejection(create.sr.run(() => {}))).message).toBe('failed to create runner: runner failed');
    expect(create.states()).toEqual(['Starting', 'Preparing', 'Preparing']);
    const skipped = runnerFor(service({ runner: null }));
    expect(await skipped.sr.run(() => {})).toBe(SKIPPED);
    expect(skipped.states()).toEqual(['Starting', 'Preparing', 'Preparing']);
  });

  it('TestAbortOnCondition: a shutdown while waiting is a clean stop', async () => {
    const fs = createNodeFs(new Tmpfs());
    const clock = new VirtualClock();
    const { sr, states } = runnerFor(
      service({ condition: () => new FileCondition('/doesntexistever', fs, clock) }),
      clock,
    );
    const run = sr.run(() => {});
    await clock.advance(3000);
    sr.shutdown();
    expect(await run).toBeUndefined();
    expect(states()).toEqual(['Starting', 'Waiting']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('TestPostStateFail: the post stage failure is recorded after Running', async () => {
    const { sr, clock, states } = runnerFor(
      service({ condition: () => waitForAll(), postError: new Error('post failed') }),
    );
    const run = sr.run(() => {});
    await clock.advance(0);
    sr.shutdown();
    expect(await run).toBeUndefined();
    expect(states()).toEqual(['Starting', 'Waiting', 'Preparing', 'Preparing', 'Running', 'Failed']);
    expect(sr.events().at(-1)?.message).toBe('Failed to run post stage: post failed');
  });

  it('TestRunFail: the run error is wrapped twice', async () => {
    const runner = new MockRunner();
    const { sr, clock, states } = runnerFor(service({ runner }));
    const run = sr.run(() => {});
    await clock.advance(0);
    runner.exit(new Error('run failed'));
    expect((await rejection(run)).message).toBe('failed running service: error running service: run failed');
    expect(states()).toEqual(['Starting', 'Preparing', 'Preparing', 'Running']);
  });
});

describe('RestartRunner (restart_test.go)', () => {
  it('names itself after its policy and the wrapped runner', () => {
    expect(String(new RestartRunner(new MockRunner(), 'UntilSuccess', new VirtualClock()))).toBe(
      'Restart(UntilSuccess, MockRunner())',
    );
  });

  it('Once returns the run error', async () => {
    const r = new RestartRunner(new MockRunner([new Error('failed')]), 'Once', new VirtualClock());
    expect(
      (
        await rejection(
          r.run(
            () => {},
            async () => {},
          ),
        )
      ).message,
    ).toBe('failed');
  });

  it('UntilSuccess re-runs failures every 5 s until one succeeds', async () => {
    const clock = new VirtualClock(0);
    const mock = new MockRunner([new Error('1'), new Error('2'), new Error('3'), undefined]);
    const sink: string[] = [];
    const done = new RestartRunner(mock, 'UntilSuccess', clock).run(
      (s, m) => sink.push(`${clock.now()} ${s} ${m}`),
      async () => {},
    );
    await clock.advance(20_000);
    await done;
    expect(mock.runs).toBe(4);
    expect(sink.filter((l) => l.includes('Waiting'))).toEqual([
      '0 Waiting Error running MockRunner(), going to restart until it succeeds: 1',
      '5000 Waiting Error running MockRunner(), going to restart until it succeeds: 2',
      '10000 Waiting Error running MockRunner(), going to restart until it succeeds: 3',
    ]);
  });

  it('Forever keeps going after successes and failures until stopped', async () => {
    const clock = new VirtualClock(0);
    const mock = new MockRunner([undefined, new Error('x'), undefined, new Error('y')]);
    const r = new RestartRunner(mock, 'Forever', clock);
    const sink: string[] = [];
    const done = r.run(
      (s, m) => sink.push(`${s} ${m}`),
      async () => {},
    );
    await clock.advance(17_000);
    await r.stop();
    await done;
    expect(mock.runs).toBe(4);
    expect(sink.slice(-2)).toEqual([
      'Waiting Error running MockRunner(), going to restart forever: y',
      'Stopping Aborting restart sequence',
    ]);
  });
});
