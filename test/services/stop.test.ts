// Stopping: SIGTERM then SIGKILL after 10 s, `Aborting restart sequence` during the back-off, and a Waiting service
// failing or finishing as the node's release did; node shutdown stops dependents first.
import { describe, expect, it } from 'vitest';
import { newServiceSpec, RestartKind } from '../../src/extensions/services/index.js';
import { fixture } from './service-fixtures.js';

describe('stop', () => {
  it('sends SIGTERM to a running task and finishes when it exits', async () => {
    const f = fixture({ behaviours: { a: { stopLogs: ['stopping the hello world service'] } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(3000);
    await f.supervisor.apiStop(id);
    expect(f.timeline(id).slice(4)).toEqual([
      '0s [Running]: Started task ext-a (PID 1000) for container ext-a',
      '3s [Stopping]: Sending SIGTERM to task ext-a (PID 1000, container ext-a)',
      '3s [Finished]: Service finished successfully',
    ]);
    expect(
      f.supervisor
        .serviceLog(id)
        .lines()
        .map((l) => l.text),
    ).toEqual(['stopping the hello world service']);
    expect(f.supervisor.isRunning(id).running).toBe(false);
  });

  it('sends SIGKILL after 10 s to a task that ignores SIGTERM', async () => {
    const f = fixture({ behaviours: { a: { ignoreSigterm: true } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(1000);
    const stopped = f.supervisor.apiStop(id);
    await f.clock.advance(10_000);
    await stopped;
    expect(f.timeline(id).slice(5)).toEqual([
      '1s [Stopping]: Sending SIGTERM to task ext-a (PID 1000, container ext-a)',
      '11s [Stopping]: Sending SIGKILL to task ext-a (PID 1000, container ext-a)',
      '11s [Finished]: Service finished successfully',
    ]);
  });

  it('aborts the restart sequence when stopped during the 5 s back-off', async () => {
    const f = fixture({ behaviours: { a: { runFor: 1000, exitCode: 1 } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, restart: RestartKind.always });
    await f.clock.advance(2000);
    await f.supervisor.apiStop(id);
    expect(f.timeline(id).slice(5)).toEqual([
      '1s [Waiting]: Error running Containerd(ext-a), going to restart forever: task "ext-a" failed: exit code 1 (last log "")',
      '2s [Stopping]: Aborting restart sequence',
      '2s [Finished]: Service finished successfully',
    ]);
    expect(f.clock.pendingTimers).toBe(0);
  });

  it.each([
    ['v1.11.6', '[Failed]: Condition failed: context canceled'],
    ['v1.12.9', '[Failed]: Condition failed: context canceled'],
    ['v1.12.10', '[Finished]: Service finished successfully'],
    ['v1.13.5', '[Failed]: Condition failed: context canceled'],
    ['v1.13.6', '[Finished]: Service finished successfully'],
    ['v1.14.0-alpha.2', '[Failed]: Condition failed: context canceled'],
    ['v1.14.0-beta.0', '[Finished]: Service finished successfully'],
    ['v1.14.0-rc.1', '[Finished]: Service finished successfully'],
  ])('stopping a Waiting service on %s ends with %s', async (talosVersion, last) => {
    const f = fixture({ talosVersion });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, depends: [{ path: '/never' }] });
    await f.clock.advance(2500);
    await f.supervisor.apiStop(id);
    expect(f.events(id)).toEqual([
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up", file "/never" to exist',
      '[Waiting]: Waiting for file "/never" to exist',
      last,
    ]);
    expect(f.clock.pendingTimers).toBe(0);
  });

  it('keeps the event history across restarts and caps it at 64', async () => {
    const f = fixture({ behaviours: { a: { runFor: 0 } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, restart: RestartKind.never });
    await f.clock.advance(0);
    expect(f.events(id)).toHaveLength(6);
    await f.supervisor.apiStart(id);
    await f.clock.advance(0);
    expect(f.events(id)).toHaveLength(12);
    expect(f.events(id)[6]).toBe('[Starting]: Starting service');
    for (let i = 0; i < 20; i++) {
      await f.supervisor.apiStart(id);
      await f.clock.advance(0);
    }
    expect(f.events(id)).toHaveLength(64);
    expect(f.events(id).at(-1)).toBe('[Finished]: Service finished successfully');
  });

  it('shuts down dependents before their dependencies, then completes the change stream', async () => {
    const f = fixture({
      behaviours: { rpcbind: { stopLogs: ['rpcbind stops'] }, statd: { stopLogs: ['statd stops'] } },
    });
    const order: string[] = [];
    const changes: string[] = [];
    let completed = false;
    f.supervisor.changes.subscribe({
      next: (c) => {
        changes.push(`${c.service} ${c.action}`);
        if (c.state === 'Stopping') order.push(c.service);
      },
      complete: () => {
        completed = true;
      },
    });
    const rpcbind = await f.extension({ name: 'rpcbind', container: { entrypoint: './rpcbind' } });
    await f.clock.advance(0);
    await f.extension({ name: 'statd', container: { entrypoint: './statd' }, depends: [{ service: rpcbind }] });
    await f.clock.advance(0);
    await f.supervisor.stop();
    expect(order).toEqual(['ext-statd', 'ext-rpcbind']);
    expect(changes.slice(0, 5)).toEqual([
      'ext-rpcbind 8',
      'ext-rpcbind 2',
      'ext-rpcbind 1',
      'ext-rpcbind 1',
      'ext-rpcbind 3',
    ]);
    expect(completed).toBe(true);
    expect(
      f.supervisor.load(f.supervisor.newExtensionService(f.supervisor.lookup('ext-statd')?.service as never)),
    ).toEqual([]);
  });

  it('leaves a stop for a service that is not running pending: its next start is cancelled at once', async () => {
    const f = fixture();
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, restart: RestartKind.never }, {});
    await f.supervisor.stopServices(id);
    await f.supervisor.stopServices(id);
    await f.supervisor.startServices(id);
    await f.clock.advance(0);
    expect(f.events(id).slice(-4)).toEqual([
      '[Finished]: Service finished successfully',
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up"',
      '[Finished]: Service finished successfully',
    ]);
  });
});

describe('stopping with reverse dependencies', () => {
  it('gives up on a dependent that does not stop within 30 s and logs it as machined does', async () => {
    const f = fixture({ behaviours: { base: {}, top: { ignoreSigterm: true } } });
    const base = await f.extension({ name: 'base', container: { entrypoint: './base' } });
    await f.clock.advance(0);
    await f.extension({ name: 'top', container: { entrypoint: './top' }, depends: [{ service: base }] });
    await f.clock.advance(0);
    const stopped = f.supervisor.stopWithReverseDependencies(base);
    await f.clock.advance(10_000);
    // the dependent was killed after 10 s, so the base stops then, well within the 30 s
    expect(f.events('ext-top').at(-1)).toBe('[Finished]: Service finished successfully');
    await stopped;
    expect(f.timeline(base).slice(-2)).toEqual([
      '10s [Stopping]: Sending SIGTERM to task ext-base (PID 1000, container ext-base)',
      '10s [Finished]: Service finished successfully',
    ]);
    expect(f.logger.entries.some((e) => e.message.startsWith('gave up on'))).toBe(false);
  });
});

describe('stopping with a dependent that never ran', () => {
  it('waits 30 s for it, logs that it gave up, then stops the dependency', async () => {
    const f = fixture();
    const base = await f.extension({ name: 'base', container: { entrypoint: './base' } });
    await f.clock.advance(0);
    f.supervisor.load(
      f.supervisor.newExtensionService(
        newServiceSpec({ name: 'idle', container: { entrypoint: './idle' }, depends: [{ service: base }], restart: 1 }),
      ),
    );
    const stopped = f.supervisor.stopWithReverseDependencies(base);
    await f.clock.advance(30_000);
    await stopped;
    expect(f.logger.entries.map((e) => e.message)).toContain('gave up on  while stopping "ext-base"');
    expect(f.timeline(base).at(-1)).toBe('30s [Finished]: Service finished successfully');
  });
});
