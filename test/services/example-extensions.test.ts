// The §8 example services, end to end on one simulated node's pieces: their extension roots in the node's
// filesystem, the four controllers of extension services on a COSI runtime, the supervisor, and the machine
// config's ExtensionServiceConfig documents. Each service reaches Running once its dependencies are met; a held
// network shows the exact Waiting text; a config change restarts the service with upstream's events.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtensionServiceConfigController } from '../../controllers/extension-service-config-controller.js';
import { ExtensionServiceConfigFilesController } from '../../controllers/extension-service-config-files-controller.js';
import { ExtensionServiceController } from '../../controllers/extension-service-controller.js';
import { ServiceController } from '../../controllers/service-controller.js';
import { extensionServiceConfigSource } from '../../resources/extension-service-config-status.js';
import { MachineConfigType } from '../../resources/machine-config.js';
import { ServiceResourceType } from '../../resources/service.js';
import { newTypedResource } from '../../src/cosi/index.js';
import { parseMachineConfig } from '../../src/machine-config/index.js';
import type { NodeFs } from '../../src/overlayfs-sim/index.js';
import { ServiceSupervisor } from '../../src/services/index.js';
import { controllerFixture } from '../controllers/controller-fixtures.js';

const EXAMPLES = join(import.meta.dirname, '../../scenarios/extensions');

function copyTree(fs: NodeFs, from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = `${to}/${name}`;
    const st = lstatSync(src);
    if (st.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      copyTree(fs, src, dst);
    } else {
      fs.writeFileSync(dst, readFileSync(src), { mode: st.mode & 0o777 });
    }
  }
}

const CONFIG = `apiVersion: v1alpha1
kind: ExtensionServiceConfig
name: nut-client
configFiles:
  - content: MONITOR upsmonHost 1 remote username password
    mountPath: /usr/local/etc/nut/upsmon.conf
---
apiVersion: v1alpha1
kind: ExtensionServiceConfig
name: tailscale
environment:
  - TS_AUTHKEY=tskey-0000000000000000
`;

async function node(options: { readonly holdNetwork?: boolean } = {}) {
  const f = controllerFixture();
  f.fs.mkdirSync('/', { recursive: true });
  for (const ext of ['hello-world-service', 'nut-client', 'tailscale', 'qemu-guest-agent', 'iscsi-tools']) {
    copyTree(f.fs, join(EXAMPLES, ext, 'rootfs'), '');
  }
  for (const dir of ['/system/run/machined', '/dev/virtio-ports', '/etc/iscsi', '/sbin', '/etc/ssl/certs']) {
    f.fs.mkdirSync(dir, { recursive: true });
  }
  f.fs.writeFileSync('/system/run/machined/machine.sock', '');
  f.fs.writeFileSync('/dev/virtio-ports/org.qemu.guest_agent.0', '');
  f.fs.writeFileSync('/etc/iscsi/initiatorname.iscsi', 'InitiatorName=iqn.2016-04.com.example:x\n');
  f.fs.writeFileSync('/sbin/init', '', { mode: 0o755 });
  const supervisor = new ServiceSupervisor({
    clock: f.clock,
    talosVersion: 'v1.14.0-rc.1',
    fs: f.fs,
    config: extensionServiceConfigSource(f.state),
  });
  if (options.holdNetwork) supervisor.readiness.holdNetwork();
  supervisor.registerHostService('containerd').update('Running', 'Health check successful');
  const cri = supervisor.registerHostService('cri');
  const mc = newTypedResource(MachineConfigType, 'v1alpha1');
  mc.spec = { text: CONFIG, documents: [...parseMachineConfig(CONFIG).documents] };
  await f.state.create(mc);
  await f.start(
    new ExtensionServiceConfigController(),
    new ExtensionServiceConfigFilesController({ fs: f.fs }),
    new ExtensionServiceController({ services: supervisor, files: f.fs, talosVersion: 'v1.14.0-rc.1' }),
    new ServiceController(supervisor),
  );
  const events = (id: string) => (supervisor.get(id)?.events ?? []).map((e) => `[${e.state}]: ${e.message}`);
  return { f, supervisor, cri, events };
}

describe('the example services on a node', () => {
  it('all reach Running once cri is up; each has a Services resource', async () => {
    const { f, supervisor, cri, events } = await node();
    await f.clock.advance(2000);
    expect(supervisor.get('ext-hello-world')?.state).toBe('Running');
    expect(supervisor.get('ext-qemu-guest-agent')?.state).toBe('Running');
    expect(supervisor.get('ext-nut-client')?.state).toBe('Waiting');
    cri.update('Running', 'Health check successful');
    await f.clock.advance(1000);
    await f.settle();
    expect(supervisor.list().map((s) => `${s.id} ${s.state}`)).toEqual([
      'containerd Running',
      'cri Running',
      'ext-hello-world Running',
      'ext-iscsid Running',
      'ext-nut-client Running',
      'ext-qemu-guest-agent Running',
      'ext-tailscale Running',
    ]);
    const resources = await f.state.list({ namespace: 'runtime', type: ServiceResourceType });
    expect(resources.map((r) => r.metadata.id)).toEqual(supervisor.list().map((s) => s.id));
    const nut = supervisor.get('ext-nut-client')?.container;
    expect(nut?.mounts.at(-1)).toEqual({
      destination: '/usr/local/etc/nut/upsmon.conf',
      type: 'bind',
      source: '/system/overlays/extensions/nut-client/usr-local-etc-nut-upsmon.conf',
      options: ['ro', 'bind'],
    });
    expect(f.fs.readFileSync('/system/overlays/extensions/nut-client/usr-local-etc-nut-upsmon.conf', 'utf8')).toBe(
      'MONITOR upsmonHost 1 remote username password',
    );
    expect(supervisor.get('ext-tailscale')?.container?.env).toEqual([
      'PATH=/sbin:/usr/local/bin',
      'TS_SOCKET=/var/run/tailscale/tailscaled.sock',
      'TS_STATE_DIR=/var/lib/tailscale',
      'TS_USERSPACE=false',
      'TS_AUTHKEY=tskey-0000000000000000',
    ]);
    expect(events('ext-iscsid').at(-1)).toMatch(
      /^\[Running\]: Started task ext-iscsid \(PID \d+\) for container ext-iscsid$/,
    );
    await f.stop();
    await supervisor.stop();
  });

  it('shows the exact Waiting text while the network is held back', async () => {
    const { f, supervisor, cri, events } = await node({ holdNetwork: true });
    cri.update('Running', 'Health check successful');
    await f.clock.advance(3000);
    expect(events('ext-nut-client').slice(0, 3)).toEqual([
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up", service "cri" to be "up", network, file "/system/run/machined/machine.sock" to exist, extension service config',
      '[Waiting]: Waiting for network',
    ]);
    expect(events('ext-hello-world').at(-1)).toBe('[Waiting]: Waiting for network');
    supervisor.readiness.releaseNetwork();
    await f.clock.advance(0);
    expect(supervisor.get('ext-nut-client')?.state).toBe('Running');
    await f.stop();
    await supervisor.stop();
  });

  it('restarts nut-client with upstream events when its config changes', async () => {
    const { f, supervisor, cri, events } = await node();
    cri.update('Running', 'Health check successful');
    await f.clock.advance(2000);
    await f.settle();
    const before = events('ext-nut-client').length;
    const next = CONFIG.replace('remote username', 'remote other');
    await f.state.modify(newTypedResource(MachineConfigType, 'v1alpha1'), (r) => {
      r.spec = { text: next, documents: [...parseMachineConfig(next).documents] };
    });
    await f.settle();
    await f.clock.advance(0);
    const after = events('ext-nut-client').slice(before);
    expect(after[0]).toMatch(
      /^\[Stopping\]: Sending SIGTERM to task ext-nut-client \(PID \d+, container ext-nut-client\)$/,
    );
    expect(after.slice(1, 6)).toEqual([
      '[Finished]: Service finished successfully',
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up", service "cri" to be "up", network, file "/system/run/machined/machine.sock" to exist, extension service config',
      '[Preparing]: Running pre state',
      '[Preparing]: Creating service runner',
    ]);
    expect(after[6]).toMatch(/^\[Running\]: Started task ext-nut-client/);
    expect(f.fs.readFileSync('/system/overlays/extensions/nut-client/usr-local-etc-nut-upsmon.conf', 'utf8')).toBe(
      'MONITOR upsmonHost 1 remote other password',
    );
    expect(events('ext-tailscale').filter((e) => e.startsWith('[Starting]'))).toHaveLength(1);
    await f.stop();
    await supervisor.stop();
  });
});
