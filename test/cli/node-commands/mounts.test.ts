// `sim mounts` as talosctl mounts prints it: machined's /proc/mounts with statfs sizes in decimal GB, the read-only
// overlay root full (its top layer is a squashfs image), the tmpfs mounts at their sizes, mounts without a size left
// out (the /etc/extensions.yaml file bind mount, the firmware mount whose layer reports none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/index.js';
import { expectGolden } from '../../support/golden.js';
import { sim } from '../../support/run-sim.js';
import { bootScenario, simOn } from './node-commands-cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await bootScenario();
}, 120_000);
afterAll(() => cluster.shutdown());

describe('sim mounts', () => {
  it('prints every node with a size, in the order of /proc/mounts (golden)', async () => {
    const run = await simOn(cluster, ['mounts']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/mounts.txt', run.stdout);
    expect(await simOn(cluster, ['mount'])).toEqual(run);
  });

  it("shows what the node's files use, in whole pages", async () => {
    const node = cluster.node('10.5.0.3');
    node.filesystem.fs.mkdirSync('/var/lib', { recursive: true });
    node.filesystem.fs.writeFileSync('/var/lib/blob', Buffer.alloc(50_000_000));
    const run = await simOn(cluster, ['mounts', '-n', '10.5.0.3']);
    // 12208 pages of 1 GiB: 50003968 bytes used
    expect(run.stdout.split('\n')).toContain(
      '10.5.0.3   tmpfs        1.07       0.05       1.02            4.66%          /var',
    );
    node.filesystem.fs.rmSync('/var/lib/blob');
  });

  it('shows the root of a node without extensions full too', async () => {
    const run = await sim(['mounts', '--talos', 'v1.12.11']);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'NODE         FILESYSTEM   SIZE(GB)   USED(GB)   AVAILABLE(GB)   PERCENT USED   MOUNTED ON',
      '172.20.0.2   overlay      0.00       0.00       0.00            100.00%        /',
    ]);
  });

  it('takes no arguments', async () => {
    const run = await simOn(cluster, ['mounts', '/var']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^unknown command "\/var" for "sim mounts"\n\nUsage: sim mounts\|mount /);
  });
});
