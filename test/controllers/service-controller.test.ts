// v1alpha1.ServiceController: Services resources from supervisor events (created at Running, destroyed on any
// other state, `ext-*` reads running/healthy/unknown = true/false/true), the replay at start, and ServicePIDs.
import { describe, expect, it } from 'vitest';
import { ServiceController } from '../../controllers/service-controller.js';
import { ServiceResourceType } from '../../resources/service.js';
import { ServicePIDResourceType, servicePidRecorder } from '../../resources/service-pid.js';
import { newServiceSpec } from '../../src/extensions/services/index.js';
import { mountNamespaceOf, ServiceSupervisor } from '../../src/services/index.js';
import { controllerFixture } from './controller-fixtures.js';

function setup(started: boolean) {
  const f = controllerFixture();
  const supervisor = new ServiceSupervisor({
    clock: f.clock,
    talosVersion: 'v1.13.9',
    fs: f.fs,
    recordPid: servicePidRecorder(f.state, mountNamespaceOf),
  });
  supervisor.registerHostService('containerd').update('Running', 'Health check successful');
  f.fs.mkdirSync('/usr/local/lib/containers/hello-world', { recursive: true });
  f.fs.writeFileSync('/usr/local/lib/containers/hello-world/hello-world', '', { mode: 0o755 });
  const load = async () => {
    const svc = supervisor.newExtensionService(
      newServiceSpec({ name: 'hello-world', container: { entrypoint: './hello-world' }, restart: 1 }),
    );
    supervisor.load(svc);
    await supervisor.startServices(svc.id);
    await f.clock.advance(0);
  };
  return { f, supervisor, load, started };
}

const services = async (f: ReturnType<typeof controllerFixture>) =>
  (await f.state.list({ namespace: 'runtime', type: ServiceResourceType })).map((r) => [r.metadata.id, r.spec]);

describe('v1alpha1.ServiceController', () => {
  it('creates a resource when a service runs and destroys it when it stops', async () => {
    const { f, supervisor, load } = setup(false);
    await f.start(new ServiceController(supervisor));
    await load();
    await f.settle();
    expect(await services(f)).toEqual([
      ['containerd', { running: true, healthy: false, unknown: true }],
      ['ext-hello-world', { running: true, healthy: false, unknown: true }],
    ]);
    const pid = await f.state.get({ namespace: 'runtime', type: ServicePIDResourceType, id: 'ext-hello-world' });
    expect(pid.spec).toEqual({ pid: 1000, mountNamespace: 'mnt:[4026532840]' });
    expect(pid.metadata.owner).toBe('');

    await supervisor.apiStop('ext-hello-world');
    await f.settle();
    expect(await services(f)).toEqual([['containerd', { running: true, healthy: false, unknown: true }]]);
    expect(await f.state.list({ namespace: 'runtime', type: ServicePIDResourceType })).toEqual([]);
    await f.stop();
    await supervisor.stop();
  });

  it('replays what happened before it started', async () => {
    const { f, supervisor, load } = setup(true);
    await load();
    await f.start(new ServiceController(supervisor));
    expect((await services(f)).map(([id]) => id)).toEqual(['containerd', 'ext-hello-world']);
    await f.stop();
    await supervisor.stop();
  });
});
