// The start sequence in virtual time: Starting, Waiting (re-described each second), Preparing ×2, Running, with
// the exact texts of the README transcripts (extension-catalog.md §6.3).
import { describe, expect, it } from 'vitest';
import { fixture } from './service-fixtures.js';

describe('start sequence', () => {
  it('plays the hello-world transcript: network released, then containerd up', async () => {
    const f = fixture({ containerdUp: false });
    f.supervisor.readiness.holdNetwork();
    const id = await f.extension({
      name: 'hello-world',
      container: { entrypoint: './hello-world', args: ['--msg', 'Talos Linux Extension Service'] },
      depends: [{ network: [1] }],
      restart: 1,
    });
    await f.clock.advance(500);
    f.supervisor.readiness.releaseNetwork();
    await f.clock.advance(1000);
    f.containerd.update('Running', 'Health check successful');
    await f.clock.advance(100);
    expect(f.timeline(id)).toEqual([
      '0s [Starting]: Starting service',
      '0s [Waiting]: Waiting for service "containerd" to be "up", network',
      '1s [Waiting]: Waiting for service "containerd" to be "up"',
      '1.5s [Preparing]: Running pre state',
      '1.5s [Preparing]: Creating service runner',
      '1.5s [Running]: Started task ext-hello-world (PID 1000) for container ext-hello-world',
    ]);
    expect(f.supervisor.isRunning(id).running).toBe(true);
  });

  it('emits a Waiting event even when only containerd is waited for, already up', async () => {
    const f = fixture();
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(0);
    expect(f.events(id)).toEqual([
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up"',
      '[Preparing]: Running pre state',
      '[Preparing]: Creating service runner',
      '[Running]: Started task ext-a (PID 1000) for container ext-a',
    ]);
  });

  it('says "to be registered" once it finds a dependency missing, and "up" again once it is loaded', async () => {
    const f = fixture({ containerdUp: false });
    const id = await f.extension({ name: 'nut', container: { entrypoint: './nut' }, depends: [{ service: 'cri' }] });
    await f.clock.advance(1000);
    const cri = f.supervisor.registerHostService('cri');
    await f.clock.advance(1000);
    f.containerd.update('Running', 'Health check successful');
    await f.clock.advance(1000);
    cri.update('Running', 'Health check successful');
    await f.clock.advance(100);
    expect(f.timeline(id)).toEqual([
      '0s [Starting]: Starting service',
      '0s [Waiting]: Waiting for service "containerd" to be "up", service "cri" to be "up"',
      '1s [Waiting]: Waiting for service "containerd" to be "up", service "cri" to be registered',
      '2s [Waiting]: Waiting for service "containerd" to be "up", service "cri" to be "up"',
      '3s [Waiting]: Waiting for service "cri" to be "up"',
      '3s [Preparing]: Running pre state',
      '3s [Preparing]: Creating service runner',
      '3s [Running]: Started task ext-nut (PID 1000) for container ext-nut',
    ]);
  });

  it('polls a path dependency every second and re-describes only on change', async () => {
    const f = fixture();
    f.supervisor.readiness.setTimeSynced(false);
    const id = await f.extension({
      name: 'qga',
      container: { entrypoint: './qemu-ga' },
      depends: [{ path: '/dev/virtio-ports/org.qemu.guest_agent.0' }, { time: true }],
    });
    await f.clock.advance(4000);
    f.fs.mkdirSync('/dev/virtio-ports', { recursive: true });
    f.fs.writeFileSync('/dev/virtio-ports/org.qemu.guest_agent.0', '');
    await f.clock.advance(1000);
    f.supervisor.readiness.setTimeSynced(true);
    await f.clock.advance(1000);
    expect(f.timeline(id)).toEqual([
      '0s [Starting]: Starting service',
      '0s [Waiting]: Waiting for service "containerd" to be "up", file "/dev/virtio-ports/org.qemu.guest_agent.0" to exist, time sync',
      '1s [Waiting]: Waiting for file "/dev/virtio-ports/org.qemu.guest_agent.0" to exist, time sync',
      '5s [Waiting]: Waiting for time sync',
      '5s [Preparing]: Running pre state',
      '5s [Preparing]: Creating service runner',
      '5s [Running]: Started task ext-qga (PID 1000) for container ext-qga',
    ]);
  });
});
