// talos-sim/vitest: matchers with failure messages that show what the node has, and a cluster per test.
// vitest's own error processing, which its reporters run on a failure before printing the diff
import { processError } from '@vitest/utils/error';
import { describe, expect } from 'vitest';
import { type Cluster, ExtensionStatusType } from '../../src/index.js';
import { clusterTest } from '../../src/vitest/index.js';

const it = clusterTest({
  talos: 'v1.11.2',
  officialExtensions: ['siderolabs/gvisor'],
  nodes: ['10.5.0.2'],
});

const failure = async (assertion: Promise<unknown>) => {
  try {
    await assertion;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the assertion passed');
};

let first: Cluster | undefined;

describe('talos-sim/vitest', () => {
  it('toHaveExtension', async ({ cluster }) => {
    const node = cluster.node('10.5.0.2');
    await expect(node).toHaveExtension('gvisor');
    await expect(node).toHaveExtension('gvisor', '20250707.0');
    await expect(node).not.toHaveExtension('zfs');
    expect(await failure(expect(node).toHaveExtension('gvisor', '1.0'))).toMatch(
      /^expected node 10\.5\.0\.2 to have extension gvisor 1\.0; it has: gvisor 20250707\.0, schematic [0-9a-f]{64}$/,
    );
    expect(await failure(expect(node).not.toHaveExtension('gvisor'))).toMatch(
      /^expected node 10\.5\.0\.2 not to have extension gvisor; it has: gvisor 20250707\.0/,
    );
  });

  it('toHaveResource', async ({ cluster }) => {
    const node = cluster.node('10.5.0.2');
    await expect(node).toHaveResource('es', '0', { metadata: { name: 'gvisor' } });
    await expect(node).toHaveResource(ExtensionStatusType, '1');
    expect(await failure(expect(node).toHaveResource('extensions', '7'))).toBe(
      'expected node 10.5.0.2 to have extensions 7; it has: 0, 1',
    );
    expect(await failure(expect(node).toHaveResource('es', '0', { image: '9.sqsh' }))).toMatch(
      /^expected es 0 on node 10\.5\.0\.2 to contain \{"image":"9\.sqsh"\}; its spec is \{"image":"0\.sqsh",/,
    );
  });

  it("toEqual compares resources' labels, annotations and times, which are not own properties", async ({ cluster }) => {
    const node = cluster.node('10.5.0.2');
    const resource = await node.get(ExtensionStatusType, '0');
    const copy = await node.get(ExtensionStatusType, '0');
    expect(copy).toEqual(resource);
    copy.metadata.labels.set('team', 'storage');
    expect(copy).not.toEqual(resource);
    const later = await node.get(ExtensionStatusType, '0');
    later.metadata.updated = new Date(later.metadata.updated.getTime() + 1000);
    expect(later).not.toEqual(resource);
    // the diff vitest prints for the failure (its error processing, as its reporters run it) shows the field that
    // differs, not "Compared values have no visual difference"
    let failure: unknown;
    try {
      expect(later).toEqual(resource);
    } catch (err) {
      failure = err;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the diff's colours are ANSI escapes
    const diff = ((processError(failure) as { diff?: string }).diff ?? '').replace(/\x1b\[[0-9;]*m/g, '');
    expect(diff).not.toContain('no visual difference');
    expect(diff).toMatch(/- +"updated": (\S+),\n\+ +"updated": (?!\1)\S+,/);
  });

  it('toHaveFile', async ({ cluster }) => {
    const node = cluster.node('10.5.0.2');
    await expect(node).toHaveFile('/etc/os-release');
    await expect(node).toHaveFile(
      `/usr/local/share/schematic/${(await node.get(ExtensionStatusType, '1')).spec.metadata.version}`,
      '',
    );
    expect(await failure(expect(node).toHaveFile('/usr/local/bin/nope'))).toMatch(
      /^expected node 10\.5\.0\.2 to have file \/usr\/local\/bin\/nope; \/usr\/local\/bin has: containerd-shim-runsc-v1, runsc$/,
    );
    expect(await failure(expect(node).toHaveFile('/usr/local/bin'))).toBe(
      'expected node 10.5.0.2 to have file /usr/local/bin; it is a directory',
    );
  });

  it('toHaveService', async ({ cluster }) => {
    const node = cluster.node('10.5.0.2');
    expect(node).toHaveService('containerd', 'Running');
    expect(node).toHaveService('machined');
    expect(node).not.toHaveService('ext-tailscale');
    expect(() => expect(node).toHaveService('containerd', 'Waiting')).toThrow(
      'expected node 10.5.0.2 to have service containerd Waiting; its last event is [Running]: Health check successful; ' +
        'it has: apid Running, auditd Running, containerd Running, cri Running, machined Running, syslogd Running, udevd Running',
    );
    expect(() => expect(node).not.toHaveService('cri')).toThrow(/^expected node 10\.5\.0\.2 not to have service cri;/);
  });

  // in order, even when tests are shuffled: the second test looks at the first one's cluster
  describe('one cluster per test', { shuffle: false }, () => {
    it('boots a cluster for the test', async ({ cluster }) => {
      first = cluster;
      expect(cluster.nodes[0]?.phase).toBe('running');
    });

    it('boots a cluster for each test and shuts it down after', async ({ cluster }) => {
      expect(cluster).not.toBe(first);
      expect(cluster.nodes[0]?.phase).toBe('running');
      expect(first?.nodes[0]?.phase).toBe('stopped');
    });
  });
});
