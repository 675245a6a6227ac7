// cluster.NodeIdentityController, files.IQNController and files.NQNController with upstream's identity vector
// (adapters/cluster/identity_test.go): the Identity resource and the EtcFileSpecs of /etc/machine-id,
// /etc/iscsi/initiatorname.iscsi and /etc/nvme/{hostid,hostnqn}.
import { describe, expect, it } from 'vitest';
import { convertMachineId, generateNodeId } from '../../controllers/identity-adapter.js';
import { decodeBase62 } from '../../controllers/identity-base62.js';
import { IQNController } from '../../controllers/iqn-controller.js';
import { InMemoryNodeIdentityStore, NodeIdentityController } from '../../controllers/node-identity-controller.js';
import { NQNController, nvmeHostId } from '../../controllers/nqn-controller.js';
import { EtcFileSpecResourceType } from '../../resources/etc-file-spec.js';
import { IdentityResourceType, IdentityType, LOCAL_IDENTITY_ID } from '../../resources/identity.js';
import { constantRandom, newTypedResource, seededRandom } from '../../src/cosi/index.js';
import { controllerFixture } from './controller-fixtures.js';

const NODE_ID = 'sou7yy34ykX3n373Zw1DXKb8zD7UnyKT6HT3QDsGH6L';
const MACHINE_ID = 'be871ac0d0dd31fa4caca753b0f3f1b2';
const LABEL = 'system_u:object_r:etc_t:s0';

async function boot(talosVersion: string, store = new InMemoryNodeIdentityStore(), random = seededRandom(7)) {
  const fx = controllerFixture();
  await fx.start(
    new NodeIdentityController({ store, random, talosVersion }),
    new IQNController({ talosVersion }),
    new NQNController({ talosVersion }),
  );
  const etcFiles = async () =>
    Object.fromEntries(
      (await fx.state.list({ namespace: 'files', type: EtcFileSpecResourceType })).map((r) => [r.metadata.id, r.spec]),
    );
  const identities = async () =>
    (await fx.state.list({ namespace: 'cluster', type: IdentityResourceType })).map((r) => [r.metadata.id, r.spec]);
  return { ...fx, etcFiles, identities };
}

describe('node identity', () => {
  it('converts upstream NodeID to its machine ID (TestIdentityConvertMachineID)', () => {
    expect(convertMachineId(NODE_ID)).toBe(MACHINE_ID);
  });

  it('generates 32 bytes from the random source: the same seed, the same NodeID (TestIdentityGenerate)', () => {
    const a = generateNodeId(seededRandom(1));
    expect(a).toBe(generateNodeId(seededRandom(1)));
    expect(a).not.toBe(generateNodeId(seededRandom(2)));
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(a.length).toBeLessThanOrEqual(45);
    const drawn = Array.from({ length: 32 }, () => Math.floor(constantRandom(0.75).next() * 256));
    expect(Array.from(decodeBase62(generateNodeId(constantRandom(0.75))))).toEqual(drawn);
  });

  it('writes the identity, machine-id, IQN and NQN files of a v1.13 node from a saved NodeID', async () => {
    const store = new InMemoryNodeIdentityStore();
    store.save(NODE_ID);
    const { identities, etcFiles, logger, stop } = await boot('v1.13.0', store);
    expect(await identities()).toEqual([['local', { nodeId: NODE_ID }]]);
    expect(await etcFiles()).toEqual({
      'machine-id': { contents: MACHINE_ID, mode: 0o444, selinux_label: LABEL },
      'iscsi/initiatorname.iscsi': {
        contents: `InitiatorName=iqn.2017-11.dev.talos:${MACHINE_ID}\n`,
        mode: 0o600,
        selinux_label: LABEL,
      },
      // QUIRK: the UUID is made of the ASCII codes of "be871ac0d0dd31fa"
      'nvme/hostid': { contents: '62653837-3161-6330-6430-646433316661', mode: 0o600, selinux_label: LABEL },
      'nvme/hostnqn': {
        contents: 'nqn.2017-11.dev.talos:uuid:62653837-3161-6330-6430-646433316661',
        mode: 0o600,
        selinux_label: LABEL,
      },
    });
    expect(logger.entries.filter((e) => e.message === 'node identity established').map((e) => e.fields)).toEqual([
      expect.objectContaining({ node_id: NODE_ID }),
    ]);
    await stop();
  });

  it('generates a NodeID on the first boot, saves it and keeps it on the next', async () => {
    const store = new InMemoryNodeIdentityStore();
    const first = await boot('v1.11.0', store, seededRandom(3));
    const [[, spec]] = (await first.identities()) as [[string, { nodeId: string }]];
    expect(spec.nodeId).toBe(generateNodeId(seededRandom(3)));
    expect(store.load()).toBe(spec.nodeId);
    await first.stop();
    const second = await boot('v1.11.0', store, seededRandom(99));
    expect(await second.identities()).toEqual([['local', spec]]);
    expect((await second.etcFiles())['machine-id']).toMatchObject({ contents: convertMachineId(spec.nodeId) });
    await second.stop();
  });

  it('has no selinux_label before v1.9.0-alpha.3', async () => {
    const { etcFiles, stop } = await boot('v1.8.4');
    const files = await etcFiles();
    expect(files['machine-id']).toEqual({ contents: expect.stringMatching(/^[0-9a-f]{32}$/), mode: 0o444 });
    await stop();
  });

  it('IQN and NQN wait for the identity, and fail with upstream text on a NodeID that is not base62', async () => {
    const fx = controllerFixture();
    await fx.start(new IQNController({ talosVersion: 'v1.13.0' }), new NQNController({ talosVersion: 'v1.13.0' }));
    expect(await fx.state.list({ namespace: 'files', type: EtcFileSpecResourceType })).toEqual([]);
    const bad = newTypedResource(IdentityType, LOCAL_IDENTITY_ID);
    bad.spec = { nodeId: 'bad-id' };
    await fx.state.create(bad);
    await fx.settle();
    expect(await fx.state.list({ namespace: 'files', type: EtcFileSpecResourceType })).toEqual([]);
    const errors = fx.logger.entries.filter((e) => e.message === 'controller failed').map((e) => e.fields?.error);
    expect(errors).toContain('failed to convert identity to machine ID: illegal base62 data at input byte 3');
    await fx.stop();
  });

  it('derives the NVMe host ID from the hex text of the machine ID', () => {
    expect(nvmeHostId('00000000000000000000000000000000')).toBe('30303030-3030-3030-3030-303030303030');
  });
});
