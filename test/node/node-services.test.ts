// Extension services on a whole simulated node, through the package's public API: host services per release, the
// example extensions of scenarios/extensions reaching Running, readiness held back, programs registered for an
// entrypoint, logs, API stop/start, Services and ServicePIDs resources, config changes, and reboots.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyOperation,
  type Cluster,
  createCluster,
  hostServiceIds,
  isServiceError,
  ServiceType,
  type VirtualClock,
} from '../../src/index.js';

const EXAMPLES = join(import.meta.dirname, '../../scenarios/extensions');

const NUT_CONFIG = (line: string) => `version: v1alpha1
machine:
  type: worker
  env:
    HTTP_PROXY: http://proxy.example:3128
---
apiVersion: v1alpha1
kind: ExtensionServiceConfig
name: nut-client
configFiles:
  - content: ${line}
    mountPath: /usr/local/etc/nut/upsmon.conf
`;

function scenario(talos: string, extensions: string[], config?: string) {
  return {
    images: extensions.map((name) => ({ ref: `example.com/${name}:1.0`, path: join(EXAMPLES, name) })),
    nodes: [
      {
        address: '172.20.0.2',
        talos,
        extensions: extensions.map((name) => `example.com/${name}:1.0`),
        ...(config === undefined ? {} : { config }),
      },
    ],
  };
}

const events = (cluster: Cluster, id: string) =>
  (cluster.node('172.20.0.2').services.get(id)?.events ?? []).map((e) => `[${e.state}]: ${e.message}`);

describe('a node runs its extension services', () => {
  it('lists the host services its release starts', () => {
    expect(hostServiceIds('v1.6.7')).toEqual(['apid', 'containerd', 'cri', 'machined', 'udevd']);
    expect(hostServiceIds('v1.7.0-alpha.1')).toEqual(['apid', 'containerd', 'cri', 'machined', 'syslogd', 'udevd']);
    expect(hostServiceIds('v1.13.0')).toEqual(['apid', 'auditd', 'containerd', 'cri', 'machined', 'syslogd', 'udevd']);
  });

  it('reboots while a long advance runs: the stop ends at its SIGKILL, not when the advance does', async () => {
    const spec = {
      ...scenario('v1.13.0', ['hello-world-service']),
      services: { 'hello-world': { ignoreSigterm: true } },
    };
    await using cluster = await createCluster(spec);
    await cluster.advance('30s');
    const node = cluster.node('172.20.0.2');
    const t0 = cluster.clock.now();
    const long = cluster.advance('5m');
    let rebootedAt = Number.NaN;
    const rebooted = node.reboot().then(() => {
      rebootedAt = cluster.clock.now() - t0;
    });
    await Promise.all([long, rebooted]);
    const [status] = await node.list('es');
    expect([rebootedAt, (status?.metadata.created.getTime() ?? 0) - t0]).toEqual([10_000, 10_000]);
  });

  it('brings hello-world up once containerd and the network are: events, log, Services and ServicePIDs', async () => {
    await using cluster = await createCluster(scenario('v1.13.0', ['hello-world-service']));
    const node = cluster.node('172.20.0.2');
    expect(node.services.list().map((s) => `${s.id} ${s.state}`)).toEqual([
      'apid Running',
      'auditd Running',
      'containerd Running',
      'cri Running',
      'ext-hello-world Running',
      'machined Running',
      'syslogd Running',
      'udevd Running',
    ]);
    expect(events(cluster, 'ext-hello-world')).toEqual([
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up", network',
      '[Preparing]: Running pre state',
      '[Preparing]: Creating service runner',
      '[Running]: Started task ext-hello-world (PID 1000) for container ext-hello-world',
    ]);
    expect(node.services.logs('ext-hello-world').map((l) => l.text)).toEqual([
      './hello-world --msg Talos Linux Extension Service: started (simulated; no program is registered for this entrypoint)',
    ]);
    const svc = await node.get(ServiceType, 'ext-hello-world');
    expect(svc.spec).toEqual({ running: true, healthy: false, unknown: true });
    expect((await node.get('ServicePIDs', 'ext-hello-world')).spec).toEqual({
      pid: 1000,
      mountNamespace: 'mnt:[4026532840]',
    });
    expect(node.log.entries().map((e) => e.message)).toContain(
      'service[ext-hello-world](Running): Started task ext-hello-world (PID 1000) for container ext-hello-world',
    );
  });

  it('waits for a held-back network with the exact text, and starts when it is released', async () => {
    await using cluster = await createCluster(scenario('v1.11.2', ['hello-world-service']), { boot: false });
    const node = cluster.node('172.20.0.2');
    node.services.readiness.holdNetwork();
    await cluster.boot();
    await cluster.advance('30s');
    expect(node.services.get('ext-hello-world')?.state).toBe('Waiting');
    expect(events(cluster, 'ext-hello-world').at(-1)).toBe('[Waiting]: Waiting for network');
    // v1.11 has no ServicePIDs type
    await expect(node.list('ServicePIDs')).rejects.toThrow('resource "ServicePIDs" is not registered');
    node.services.readiness.releaseNetwork();
    await cluster.advance('1s');
    expect(node.services.get('ext-hello-world')?.state).toBe('Running');
  });

  it('runs the program registered for an entrypoint; API stop and start; a reboot starts it again', async () => {
    await using cluster = await createCluster(scenario('v1.13.0', ['hello-world-service']), { boot: false });
    const node = cluster.node('172.20.0.2');
    const runs: string[][] = [];
    node.services.register('./hello-world', async (ctx) => {
      runs.push([...ctx.argv]);
      ctx.log(`serving on :80 as pid ${ctx.pid}`);
      await ctx.clock.sleep(60_000, ctx.signal).catch(() => ctx.log('SIGTERM received'));
      return 0;
    });
    await cluster.boot();
    await cluster.advance('2s');
    expect(runs).toEqual([['./hello-world', '--msg', 'Talos Linux Extension Service']]);
    await node.services.stop('ext-hello-world');
    await cluster.advance('1s');
    expect(node.services.get('ext-hello-world')?.state).toBe('Finished');
    expect(node.services.logs('ext-hello-world', { tail: 2 }).map((l) => l.text)).toEqual([
      'serving on :80 as pid 1000',
      'SIGTERM received',
    ]);
    await node.services.start('ext-hello-world');
    await cluster.advance('1s');
    expect(node.services.get('ext-hello-world')?.state).toBe('Running');
    const err = await node.services.start('ext-nope').catch((e: unknown) => e);
    expect(isServiceError(err) && err.message).toBe('service "ext-nope" not defined');
    await node.reboot();
    await cluster.advance('2s');
    expect(runs).toHaveLength(3);
    expect(events(cluster, 'ext-hello-world')[0]).toBe('[Starting]: Starting service');
  });

  it('mounts the ExtensionServiceConfig files and restarts the service when they change', async () => {
    await using cluster = await createCluster(scenario('v1.13.0', ['nut-client'], NUT_CONFIG('MONITOR ups@a 1')));
    const node = cluster.node('172.20.0.2');
    await cluster.advance('10s');
    expect(node.services.get('ext-nut-client')?.state).toBe('Running');
    const overlay = '/system/overlays/extensions/nut-client/usr-local-etc-nut-upsmon.conf';
    expect(node.fs.readFileSync(overlay, 'utf8')).toBe('MONITOR ups@a 1');
    expect(node.services.get('ext-nut-client')?.container?.env).toContain('HTTP_PROXY=http://proxy.example:3128');
    const before = events(cluster, 'ext-nut-client').length;
    await node.applyConfig(NUT_CONFIG('MONITOR ups@b 1'));
    await cluster.advance('10s');
    expect(node.fs.readFileSync(overlay, 'utf8')).toBe('MONITOR ups@b 1');
    const after = events(cluster, 'ext-nut-client').slice(before);
    expect(after.filter((e) => e.startsWith('[Starting]'))).toHaveLength(1);
    expect(after.at(-1)).toMatch(/^\[Running\]: Started task ext-nut-client \(PID \d+\) for container ext-nut-client$/);
  });

  it("gives services the EnvironmentConfig document's variables after .machine.env (v1.13)", async () => {
    const config = `${NUT_CONFIG('MONITOR ups@a 1')}---\napiVersion: v1alpha1\nkind: EnvironmentConfig\nvariables:\n  HTTPS_PROXY: http://proxy.example:3129\n  NO_PROXY: 10.0.0.0/8\n`;
    await using cluster = await createCluster(scenario('v1.13.0', ['nut-client'], config));
    await cluster.advance('10s');
    const env = cluster.node('172.20.0.2').services.get('ext-nut-client')?.container?.env ?? [];
    expect(env.filter((e) => /PROXY=/.test(e))).toEqual([
      'HTTP_PROXY=http://proxy.example:3128',
      'HTTPS_PROXY=http://proxy.example:3129',
      'NO_PROXY=10.0.0.0/8',
    ]);
  });

  it('keeps a Running service running when its first config arrives (upstream), restarts it with strictConfig', async () => {
    const config = `version: v1alpha1
machine: { type: worker }
---
apiVersion: v1alpha1
kind: ExtensionServiceConfig
name: hello-world
environment: [GREETING=hi]
`;
    const starts = async (strictConfig: boolean) => {
      await using cluster = await createCluster(scenario('v1.13.0', ['hello-world-service']), {
        services: { strictConfig },
      });
      const node = cluster.node('172.20.0.2');
      await cluster.advance('2s');
      await node.applyConfig(config);
      await cluster.advance('10s');
      return {
        starts: events(cluster, 'ext-hello-world').filter((e) => e.startsWith('[Starting]')).length,
        env: node.services.get('ext-hello-world')?.container?.env.includes('GREETING=hi'),
      };
    };
    expect(await starts(false)).toEqual({ starts: 1, env: false });
    expect(await starts(true)).toEqual({ starts: 2, env: true });
  });

  it('a stop through a cluster operation lets virtual time run until the SIGKILL of a task that ignores SIGTERM', async () => {
    await using cluster = await createCluster(scenario('v1.13.0', ['hello-world-service']), {
      services: { behaviours: { 'hello-world': { ignoreSigterm: true, stopLogs: ['not stopping'] } } },
    });
    const start = cluster.clock.now();
    await applyOperation(cluster, { kind: 'service', node: '172.20.0.2', id: 'ext-hello-world', action: 'stop' });
    expect(cluster.clock.now() - start).toBe(10_000);
    expect(events(cluster, 'ext-hello-world').slice(-3)).toEqual([
      '[Stopping]: Sending SIGTERM to task ext-hello-world (PID 1000, container ext-hello-world)',
      '[Stopping]: Sending SIGKILL to task ext-hello-world (PID 1000, container ext-hello-world)',
      '[Finished]: Service finished successfully',
    ]);
  });

  it('reboots, takes a new config and shuts down with a task that ignores SIGTERM, moving virtual time itself', async () => {
    const config = (line: string) => NUT_CONFIG(line);
    const cluster = await createCluster(scenario('v1.13.0', ['nut-client'], config('MONITOR ups@a 1')), {
      services: { behaviours: { 'nut-client': { ignoreSigterm: true, waitForPath: '/var/ups-ready' } } },
    });
    const node = cluster.node('172.20.0.2');
    await cluster.advance('10s');
    expect(node.services.get('ext-nut-client')?.state).toBe('Running');
    // a config change restarts it: applyConfig answers at once, the restart completes as time moves (SIGKILL at 10 s)
    await node.applyConfig(config('MONITOR ups@b 1'));
    expect(node.services.get('ext-nut-client')?.state).toBe('Stopping');
    await cluster.advance('11s');
    expect(events(cluster, 'ext-nut-client').filter((e) => e.startsWith('[Stopping]: Sending SIGKILL'))).toHaveLength(
      1,
    );
    expect(node.services.get('ext-nut-client')?.state).toBe('Running');
    // a reboot stops it the same way, without anyone advancing the clock
    const before = cluster.clock.now();
    await node.reboot();
    expect(cluster.clock.now() - before).toBe(10_000);
    expect(node.phase).toBe('running');
    await cluster.shutdown();
    // a killed program leaves no timer behind (its waitForPath poll ended with the task)
    expect((cluster.clock as VirtualClock).pendingTimers).toBe(0);
  });
});
