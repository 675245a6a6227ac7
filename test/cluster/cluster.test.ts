// A cluster from a scenario: nodes of different releases and install paths, one shared virtual clock, nodes by
// address, all-or-nothing boot, and runs that repeat byte for byte.
import { describe, expect, it } from 'vitest';
import {
  Cluster,
  createCluster,
  createNode,
  createNodeContainer,
  type ExtensionStatusSpec,
  isClusterError,
  type NodeSubsystem,
  type TalosNode,
  TOKENS,
  VirtualClock,
} from '../../src/index.js';
import { rejection, thrown } from '../support/errors.js';

const FIXTURES = `${import.meta.dirname}/../fixtures/cluster`;
const TWO_RELEASES = `${FIXTURES}/two-releases.yaml`;

async function extensionRows(node: TalosNode): Promise<string[][]> {
  const list = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
  return list.map((r) => {
    const spec = r.spec as ExtensionStatusSpec;
    return [r.metadata.id, spec.image, spec.metadata.name, spec.metadata.version, r.metadata.created.toISOString()];
  });
}

describe('createCluster', () => {
  it('boots nodes of different releases, each with the layers and overlay of its own boot asset', async () => {
    await using cluster = await createCluster(TWO_RELEASES);
    expect(cluster.nodes.map((n) => [n.address, n.talosVersion, n.phase])).toEqual([
      ['172.20.0.2', 'v1.13.0', 'running'],
      ['172.20.0.4', 'v1.3.0', 'running'],
    ]);
    const imager = cluster.node('172.20.0.2');
    const legacy = cluster.node('172.20.0.4');
    expect(await extensionRows(imager)).toEqual([['0', '0.sqsh', 'hello', '1.0', '2025-01-02T03:04:05.000Z']]);
    expect(await extensionRows(legacy)).toEqual([
      ['000.example.com-hello-1.0', '000.example.com-hello-1.0.sqsh', 'hello', '1.0', '2025-01-02T03:04:05.000Z'],
    ]);
    for (const node of [imager, legacy]) {
      const { fs } = node.filesystem;
      expect(fs.statSync('/usr/local/bin/hello').mode).toBe(0o100755);
      expect(fs.readFileSync('/usr/local/bin/hello', 'utf8')).toBe('#!/bin/sh\necho hello\n');
      expect(fs.readlinkSync('/usr/local/lib/a.so.1')).toBe('a.so');
    }
    // each node has the rootfs of its own release: merged /usr from v1.10 only
    expect(imager.filesystem.fs.readlinkSync('/lib')).toBe('usr/lib');
    expect(legacy.filesystem.fs.lstatSync('/lib').isDirectory()).toBe(true);
    expect(imager.filesystem.fs.readFileSync('/etc/os-release', 'utf8')).toContain('VERSION_ID=v1.13.0\n');
    expect(legacy.filesystem.fs.readFileSync('/etc/os-release', 'utf8')).toContain('VERSION_ID=v1.3.0\n');
    expect(legacy.machineConfig?.text).toContain('- image: example.com/hello:1.0');
  });

  it('takes two spellings of one image reference as one image, as a registry does', async () => {
    const manifest = { version: 'v1alpha1', metadata: { name: 'a', version: '1', author: 'Me', description: 'a' } };
    await using cluster = await createCluster({
      images: [{ ref: 'example.com/a', inline: { manifest, files: { '/usr/local/share/a': '1' } } }],
      nodes: [{ address: '10.5.0.2', talos: 'v1.13.0', extensions: ['example.com/a:latest'] }],
    });
    expect((await extensionRows(cluster.node('10.5.0.2'))).map((row) => row[2])).toEqual(['a']);
    const twice = await rejection(
      createCluster({
        images: [
          { ref: 'example.com/a', inline: { manifest } },
          { ref: 'example.com/a:latest', inline: { manifest } },
        ],
      }),
    );
    expect(twice.message).toBe('images[1].ref: duplicate image "example.com/a:latest" (images[0])');
  });

  it('runs every node on one virtual clock that starts at the scenario clock and moves only when told', async () => {
    await using cluster = await createCluster(TWO_RELEASES);
    expect(cluster.clock.now()).toBe(Date.parse('2025-01-02T03:04:05Z'));
    await cluster.advance('1m30s');
    expect(cluster.clock.now()).toBe(Date.parse('2025-01-02T03:05:35Z'));
    await cluster.advance(500);
    expect(cluster.nodes.every((n) => n.clock === cluster.clock)).toBe(true);
    expect((await rejection(cluster.advance('soon'))).message).toBe(
      'invalid duration "soon": expected milliseconds or a Go duration such as 1m30s',
    );
    // time never leaves the range of a Date: every timestamp the nodes print stays valid
    const now = cluster.clock.now();
    expect((await rejection(cluster.advance(1e20))).message).toBe(
      'advancing by "100000000000000000000" would take the clock past +275760-09-13T00:00:00Z, the last instant a Date holds',
    );
    await expect((cluster.clock as VirtualClock).advance(Number.NaN)).rejects.toThrow(RangeError);
    // a Go duration is an int64 of nanoseconds: time.ParseDuration refuses more than 2562047h47m16.854775807s
    expect((await rejection(cluster.advance('2562048h'))).message).toBe(
      'invalid duration "2562048h": expected milliseconds or a Go duration such as 1m30s',
    );
    expect(cluster.clock.now()).toBe(now);
    expect((await cluster.run(['dmesg'])).exitCode).toBe(0);
    // calls that overlap add up, one after the other; the second range check is made where the first left the clock
    await Promise.all([cluster.advance('1h'), cluster.advance('1s')]);
    expect(cluster.clock.now()).toBe(now + 3_601_000);
    const nearEnd = 8.64e15 - cluster.clock.now() - 1000;
    const [first, second] = await Promise.allSettled([cluster.advance(nearEnd), cluster.advance(2000)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && isClusterError(second.reason) && second.reason.detail.kind).toBe(
      'beyond-time-range',
    );
  });

  it('follows wall time until its signal aborts or the cluster shuts down', async () => {
    const cluster = await createCluster(TWO_RELEASES);
    const start = cluster.clock.now();
    const stop = new AbortController();
    const following = cluster.followWallTime(stop.signal, 5);
    while (cluster.clock.now() === start) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await following;
    // a follower whose signal never aborts ends with the cluster, as its watches do
    let ended = false;
    const forever = cluster.followWallTime(new AbortController().signal, 5).then(() => {
      ended = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    await cluster.shutdown();
    await forever;
    expect(ended).toBe(true);
    // and one started once it is shut down ends at once
    await cluster.followWallTime(new AbortController().signal, 5);
  });

  it('refuses a start time that is not an instant a Date holds', async () => {
    for (const startTime of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      const err = await rejection(createCluster({ nodes: ['10.5.0.2'] }, { startTime }));
      expect(isClusterError(err) && err.detail.kind).toBe('invalid-start-time');
      expect(err.message).toBe(
        `invalid start time ${startTime}: expected milliseconds since 1970-01-01T00:00:00Z within a Date's range`,
      );
    }
  });

  it('names the nodes it has, and refuses others', async () => {
    await using cluster = await createCluster({ nodes: ['10.5.0.2', 'node-b.example', 'fd00::3'] });
    expect(cluster.select(['fd00::3', '10.5.0.2']).map((n) => n.address)).toEqual(['fd00::3', '10.5.0.2']);
    // any spelling of an address names its node, which keeps the address it was given
    expect(cluster.select(['FD00:0::3', 'Node-B.example.']).map((n) => n.address)).toEqual([
      'fd00::3',
      'node-b.example',
    ]);
    expect((await cluster.run(['get', 'ns', 'runtime', '-n', 'FD00:0::3'])).stdout).toContain('\nfd00::3   ');
    // a cluster made in code with two spellings of one address: each exact address still finds its own node
    const [first, second] = [await createNode({ address: 'fd00::3' }), await createNode({ address: 'FD00::3' })];
    const made = new Cluster(cluster.clock, [first, second]);
    expect(made.node('fd00::3')).toBe(first);
    expect(made.node('FD00::3')).toBe(second);
    expect(made.node('fd00:0::3')).toBe(first);
    // from JavaScript, anything that is not an address is an unknown node too, not a TypeError
    const missing = thrown(() => cluster.node(undefined as unknown as string));
    expect(isClusterError(missing) && missing.kind).toBe('unknown-node');
    const err = thrown(() => cluster.node('10.5.0.9'));
    expect(isClusterError(err) && err.kind).toBe('unknown-node');
    expect((err as Error).message).toBe(
      'node "10.5.0.9" is not in the cluster (nodes: 10.5.0.2, node-b.example, fd00::3)',
    );
  });

  it('shuts down the nodes already booted when a later one fails, and names the failed node', async () => {
    const clock = new VirtualClock();
    const node = async (address: string, fail: boolean) => {
      const container = createNodeContainer({ address, clock });
      if (fail) {
        const broken: NodeSubsystem = {
          name: 'broken',
          start: () => Promise.reject(new Error('the service supervisor could not start')),
          stop: async () => {},
          idle: true,
        };
        container.rebind(TOKENS.SubsystemsFactory).toConstantValue(() => [broken]);
      }
      return container.getAsync(TOKENS.TalosNode);
    };
    const nodes = [await node('10.5.0.2', false), await node('10.5.0.3', false), await node('10.5.0.4', true)];
    const cluster = new Cluster(clock, nodes);
    const err = await rejection(cluster.boot());
    expect(err.message).toBe('node 10.5.0.4: boot failed: the service supervisor could not start');
    expect(nodes.map((n) => n.phase)).toEqual(['stopped', 'stopped', 'stopped']);
    // the booted nodes' watches and media were released
    expect(await rejection(nodes[0]?.reboot() ?? Promise.resolve())).toMatchObject({ kind: 'invalid-phase' });
  });

  it('repeats itself: two runs give byte-identical resources and logs', async () => {
    const run = async () => {
      await using cluster = await createCluster(TWO_RELEASES);
      await cluster.advance('10s');
      await cluster.node('172.20.0.2').reboot();
      const out: unknown[] = [];
      for (const node of cluster.nodes) {
        for (const ns of ['meta', 'runtime', 'config']) {
          for (const rd of await node.resources.definitions()) {
            if (rd.defaultNamespace !== ns) continue;
            out.push(await node.resources.list(ns, rd.type));
          }
        }
        out.push(node.log.entries());
      }
      return JSON.stringify(out);
    };
    const first = await run();
    expect(first).toContain('2025-01-02T03:04:15.000Z');
    expect(await run()).toBe(first);
  });
});
