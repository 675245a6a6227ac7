// The API's start, stop and restart (system.singleton APIStart/APIStop/APIRestart): no-ops, `not defined`,
// services that refuse API operations; IsRunning; and what "up" means to a dependent per release.
import { describe, expect, it } from 'vitest';
import { RestartKind } from '../../src/extensions/services/index.js';
import { isServiceError, type ServiceError } from '../../src/services/index.js';
import { rejection, thrown } from '../support/errors.js';
import { fixture } from './service-fixtures.js';

describe('API operations', () => {
  it('refuses unknown ids with `service "<id>" not defined`', async () => {
    const f = fixture();
    for (const op of [f.supervisor.apiStart, f.supervisor.apiStop, f.supervisor.apiRestart]) {
      const err = await rejection<ServiceError>(op.call(f.supervisor, 'ext-nope'));
      expect(isServiceError(err)).toBe(true);
      expect(err.kind).toBe('not-defined');
      expect(err.message).toBe('service "ext-nope" not defined');
    }
    expect(thrown(() => f.supervisor.isRunning('ext-nope')).message).toBe('service "ext-nope" not defined');
  });

  it('ignores start of a running service and stop of a stopped one', async () => {
    const f = fixture();
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(0);
    const before = f.events(id).length;
    await f.supervisor.apiStart(id);
    expect(f.events(id)).toHaveLength(before);
    await f.supervisor.apiStop(id);
    const stopped = f.events(id).length;
    await f.supervisor.apiStop(id);
    expect(f.events(id)).toHaveLength(stopped);
  });

  it('restarts a running service (stop then start) and starts a stopped one', async () => {
    const f = fixture();
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(0);
    await f.supervisor.apiRestart(id);
    await f.clock.advance(0);
    expect(f.events(id).slice(5)).toEqual([
      '[Stopping]: Sending SIGTERM to task ext-a (PID 1000, container ext-a)',
      '[Finished]: Service finished successfully',
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up"',
      '[Preparing]: Running pre state',
      '[Preparing]: Creating service runner',
      '[Running]: Started task ext-a (PID 1001) for container ext-a',
    ]);
    await f.supervisor.apiStop(id);
    await f.supervisor.apiRestart(id);
    await f.clock.advance(0);
    expect(f.events(id).at(-1)).toBe('[Running]: Started task ext-a (PID 1002) for container ext-a');
  });

  it("refuses API operations on the host's own services", async () => {
    const f = fixture();
    expect((await rejection(f.supervisor.apiStop('containerd'))).message).toBe(
      'service "containerd" doesn\'t support stop operation via API',
    );
    expect(f.supervisor.isRunning('containerd').running).toBe(true);
  });

  it("ends with the host's own services down too: a stopped node runs nothing", async () => {
    const f = fixture();
    await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(0);
    const stopping = f.supervisor.stop();
    await f.clock.advance(10_000);
    await stopping;
    expect(f.supervisor.list().map((s) => [s.id, s.state])).toEqual([
      ['containerd', 'Finished'],
      ['ext-a', 'Finished'],
    ]);
    expect(f.events('containerd').at(-1)).toBe('[Finished]: Service finished successfully');
    expect(f.supervisor.isRunning('containerd').running).toBe(false);
  });

  it.each([
    ['v1.14.0-beta.0', true],
    ['v1.14.0-beta.1', false],
  ])('on %s a dependency that Finished counts as up: %s', async (talosVersion, up) => {
    const f = fixture({ talosVersion, behaviours: { once: { runFor: 1000 } } });
    await f.extension({ name: 'once', container: { entrypoint: './once' }, restart: RestartKind.never });
    await f.clock.advance(2000);
    const id = await f.extension({
      name: 'after',
      container: { entrypoint: './after' },
      depends: [{ service: 'ext-once' }],
    });
    await f.clock.advance(3000);
    expect(f.events('ext-once').at(-1)).toBe('[Finished]: Service finished successfully');
    expect(f.supervisor.get(id)?.state).toBe(up ? 'Running' : 'Waiting');
  });

  it('logs every state change as machined does and streams it with its action number', async () => {
    const f = fixture();
    const actions: number[] = [];
    const sub = f.supervisor.changes.subscribe((c) => actions.push(c.action));
    await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(0);
    sub.unsubscribe();
    expect(actions).toEqual([8, 2, 1, 1, 3]);
    expect(f.logger.entries.map((e) => e.message).slice(-2)).toEqual([
      'service[ext-a](Preparing): Creating service runner',
      'service[ext-a](Running): Started task ext-a (PID 1000) for container ext-a',
    ]);
  });

  it('hands out service info nobody can change behind the supervisor', async () => {
    const f = fixture();
    const info = f.supervisor.get('containerd');
    expect(() => {
      (info?.health as { healthy: boolean }).healthy = true;
    }).toThrow(TypeError);
    expect(() => {
      (info?.events.at(-1) as { message: string }).message = 'tampered';
    }).toThrow(TypeError);
    const health = { unknown: false, healthy: true, lastMessage: 'ok' };
    f.containerd.setHealth(health);
    health.healthy = false;
    expect(f.supervisor.get('containerd')?.health.healthy).toBe(true);
    expect(f.events('containerd').at(-1)).toBe('[Running]: Health check successful');
  });

  it('lists services sorted by id with their newest state', async () => {
    const f = fixture();
    await f.extension({ name: 'zz', container: { entrypoint: './zz' } });
    await f.extension({ name: 'aa', container: { entrypoint: './aa' } });
    await f.clock.advance(0);
    expect(f.supervisor.list().map((s) => `${s.id} ${s.state}`)).toEqual([
      'containerd Running',
      'ext-aa Running',
      'ext-zz Running',
    ]);
  });
});
