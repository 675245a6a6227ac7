// A node's identity through the public API: iscsi-tools' iscsid (v1.10 on) waits for /etc/iscsi/initiatorname.iscsi,
// which machined writes from the node identity; the identity is generated from the node's random source at its
// first boot and kept across reboots and upgrades, as the STATE partition keeps it.
import { describe, expect, it } from 'vitest';
import { createCluster, IdentityType, LOCAL_IDENTITY_ID, type TalosNode } from '../../src/index.js';

const read = (node: TalosNode, path: string) => node.filesystem.fs.readFileSync(path, 'utf8');

describe('node identity', () => {
  it('lets ext-iscsid of iscsi-tools run on a v1.13 node, with the initiator name from /etc/machine-id', async () => {
    await using cluster = await createCluster({
      talos: 'v1.13.9',
      officialExtensions: ['siderolabs/iscsi-tools'],
      nodes: ['10.5.0.2', '10.5.0.3'],
    });
    await cluster.advance('10s');
    const node = cluster.node('10.5.0.2');
    expect(node.services.get('ext-iscsid')?.state).toBe('Running');
    const machineId = read(node, '/etc/machine-id');
    expect(machineId).toMatch(/^[0-9a-f]{32}$/);
    expect(read(node, '/etc/iscsi/initiatorname.iscsi')).toBe(`InitiatorName=iqn.2017-11.dev.talos:${machineId}\n`);
    expect(read(node, '/etc/nvme/hostnqn')).toMatch(
      /^nqn\.2017-11\.dev\.talos:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(node.filesystem.fs.statSync('/etc/iscsi/initiatorname.iscsi').mode & 0o777).toBe(0o600);
    const identity = await node.get(IdentityType, LOCAL_IDENTITY_ID);
    expect(identity.metadata.namespace).toBe('cluster');
    // each node has its own identity
    expect(read(cluster.node('10.5.0.3'), '/etc/machine-id')).not.toBe(machineId);
  });

  it('keeps the identity across a reboot and an upgrade', async () => {
    await using cluster = await createCluster({ talos: 'v1.12.11', nodes: ['10.5.0.2'] });
    const node = cluster.node('10.5.0.2');
    const { nodeId } = (await node.get(IdentityType, LOCAL_IDENTITY_ID)).spec;
    const initiator = read(node, '/etc/iscsi/initiatorname.iscsi');
    await node.reboot();
    expect((await node.get(IdentityType, LOCAL_IDENTITY_ID)).spec.nodeId).toBe(nodeId);
    await node.upgrade({ talosVersion: 'v1.13.9' });
    expect((await node.get(IdentityType, LOCAL_IDENTITY_ID)).spec.nodeId).toBe(nodeId);
    expect(read(node, '/etc/iscsi/initiatorname.iscsi')).toBe(initiator);
  });

  it('a v1.9 node has a machine ID but no IQN or NQN file', async () => {
    await using cluster = await createCluster({
      talos: 'v1.9.6',
      officialExtensions: ['siderolabs/iscsi-tools'],
      nodes: ['10.5.0.2'],
    });
    await cluster.advance('10s');
    const node = cluster.node('10.5.0.2');
    expect(read(node, '/etc/machine-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(node.filesystem.fs.existsSync('/etc/iscsi/initiatorname.iscsi')).toBe(false);
    expect(node.filesystem.fs.existsSync('/etc/nvme')).toBe(false);
    const ids = (await node.list('EtcFileSpecs.files.talos.dev')).map((r) => r.metadata.id);
    expect(ids).toContain('machine-id');
    expect(ids.filter((id) => id.startsWith('iscsi/') || id.startsWith('nvme/'))).toEqual([]);
  });
});
