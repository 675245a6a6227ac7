// Nodes of one boot continue from a checkpoint of it (fleets): a forked node must be the node a real boot makes,
// now and after whatever is done to it next.
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import {
  buildBootAsset,
  createCluster,
  createNode,
  imageFromDescription,
  MemoryLogger,
  parseMachineConfig,
  seededRandom,
  type TalosNode,
  type TalosNodeOptions,
  VirtualClock,
} from '../../src/index.js';
import { NodeBoot } from '../../src/node/node-boot.js';
import { dumpNode } from '../support/node-dump.js';

const asset = await buildBootAsset({
  talosVersion: 'v1.11.2',
  extensions: [
    {
      image: imageFromDescription({
        manifest: { version: 'v1alpha1', metadata: { name: 'fleet', version: '1.0.0', author: 'test' } },
        rootfs: { '/usr/local/share/fleet/VERSION': '1\n' },
      }),
      label: 'fleet',
    },
  ],
});

const nodes: TalosNode[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.shutdown();
  vi.restoreAllMocks();
});

async function boot(clock: VirtualClock, seed: number, options: TalosNodeOptions = {}): Promise<TalosNode> {
  const node = await createNode({
    clock,
    bootAsset: asset,
    random: seededRandom(seed),
    address: `10.0.0.${seed}`,
    ...options,
  });
  nodes.push(node);
  await node.boot();
  return node;
}

/**
 * Three nodes of one boot, then a fourth that continues from a checkpoint of it, and the same fourth node booted for
 * real (on another clock at the same instant, which shares nothing with the first). `options` gives each its own.
 */
async function forkedAndReal(
  options: () => TalosNodeOptions = () => ({}),
): Promise<{ forked: TalosNode; real: TalosNode; resume: MockInstance<NodeBoot['resume']> }> {
  const resume = vi.spyOn(NodeBoot.prototype, 'resume');
  const clock = new VirtualClock();
  for (const seed of [1, 2, 3]) await boot(clock, seed, options());
  expect(resume).not.toHaveBeenCalled();
  const forked = await boot(clock, 4, options());
  expect(resume).toHaveBeenCalledTimes(1);
  const real = await boot(new VirtualClock(clock.now()), 4, options());
  expect(resume).toHaveBeenCalledTimes(1);
  return { forked, real, resume };
}

describe('nodes of one boot', () => {
  it('continue from a checkpoint checked against a real boot, and are the nodes a real boot makes', async () => {
    const { forked, real, resume } = await forkedAndReal();
    expect(await dumpNode(forked)).toBe(await dumpNode(real));

    // and they stay the same node through what is done to them next
    const config = [
      'version: v1alpha1',
      'machine:',
      '  type: worker',
      '  nodeLabels: { zone: a }',
      '  registries:',
      '    config:',
      '      docker.io: { auth: { username: u, password: p } }',
      '---',
      'apiVersion: v1alpha1',
      'kind: ExtensionServiceConfig',
      'name: fleet',
      'configFiles:',
      '  - content: hello',
      '    mountPath: /etc/fleet.conf',
      '',
    ].join('\n');
    const steps: [string, (node: TalosNode) => Promise<unknown>][] = [
      ['applyConfig', (node) => node.applyConfig(config)],
      ['advance', async (node) => (node.clock as VirtualClock).advance(90_000)],
      ['applyConfig again', (node) => node.applyConfig(config.replace('zone: a', 'zone: b'))],
      ['reboot', (node) => node.reboot()],
      ['shutdown', (node) => node.shutdown()],
    ];
    for (const [name, step] of steps) {
      await step(forked);
      await step(real);
      expect(`${name}\n${await dumpNode(forked)}`).toBe(`${name}\n${await dumpNode(real)}`);
    }
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('mount their own media, and end as a real boot does when shut down while booting', async () => {
    const resume = vi.spyOn(NodeBoot.prototype, 'resume');
    const clock = new VirtualClock();
    for (const seed of [1, 2, 3]) await boot(clock, seed);
    const forked = await boot(clock, 4);
    expect(resume).toHaveBeenCalledTimes(1);
    // the root mount is the node's own media, not the checkpointed node's
    expect(forked.filesystem.mounts.list()[0]?.filesystem).toBe(forked.filesystem.root);
    // a shutdown that comes right after boot(): nothing was continued from, as nothing was booted
    const aborted = async (c: VirtualClock): Promise<TalosNode> => {
      const node = await createNode({ clock: c, bootAsset: asset, random: seededRandom(9), address: '10.0.0.9' });
      nodes.push(node);
      const booting = node.boot();
      await node.shutdown();
      await expect(booting).rejects.toThrow('boot aborted: the node was shut down');
      return node;
    };
    const a = await aborted(clock);
    const b = await aborted(new VirtualClock(clock.now()));
    expect(await dumpNode(a)).toBe(await dumpNode(b));
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it("hand an embedder's logger the lines of their boot, as a real boot does", async () => {
    const loggers: MemoryLogger[] = [];
    await forkedAndReal(() => {
      const logger = new MemoryLogger();
      loggers.push(logger);
      return { logger };
    });
    const [forked, real] = loggers.slice(3);
    expect(real?.entries.map((e) => e.message)).toContain('node identity established');
    expect(forked?.entries).toEqual(real?.entries);
  });

  it('log the config warnings of their own boot, as a real boot does', async () => {
    // a deprecated field: machined's config acquisition warns at every boot
    const machineConfig = parseMachineConfig(
      'version: v1alpha1\nmachine:\n  type: worker\n  install:\n    extensions:\n      - image: example.com/x:1\n',
      { talosVersion: 'v1.11.2' },
    );
    const { forked, real } = await forkedAndReal(() => ({ machineConfig }));
    const warnings = (node: TalosNode) => node.log.entries().filter((e) => e.message === 'config validation warning');
    expect(warnings(real)).toHaveLength(1);
    expect(await dumpNode(forked)).toBe(await dumpNode(real));
  });

  it('in a cluster: a node continued from its neighbours is the node it is in a cluster where it boots alone', async () => {
    const resume = vi.spyOn(NodeBoot.prototype, 'resume');
    const node = (i: number, talos = 'v1.11.2') => ({
      address: `10.7.0.${i + 2}`,
      talos,
      officialExtensions: ['siderolabs/gvisor'],
    });
    // five nodes of one boot: the fifth continues from the second's checkpoint (node i gets seed i: its own identity)
    await using fleet = await createCluster({ nodes: [0, 1, 2, 3, 4].map((i) => node(i)) });
    expect(resume).toHaveBeenCalledTimes(2);
    // the same fifth node where no other node shares its boot (each of the others has a release of its own)
    await using alone = await createCluster({
      nodes: [
        ...['v1.10.0', 'v1.9.0', 'v1.8.0', 'v1.7.0'].map((talos, i) => ({ address: `10.7.0.${i + 2}`, talos })),
        node(4),
      ],
    });
    expect(resume).toHaveBeenCalledTimes(2);
    expect(await dumpNode(fleet.node('10.7.0.6'))).toBe(await dumpNode(alone.node('10.7.0.6')));
    expect((await fleet.run(['get', 'extensions', '-n', '10.7.0.6'])).stdout).toBe(
      (await alone.run(['get', 'extensions', '-n', '10.7.0.6'])).stdout,
    );
  });

  it('are never forked when the boot runs extension services; they boot for real', async () => {
    const withService = await buildBootAsset({
      talosVersion: 'v1.11.2',
      extensions: [
        {
          image: imageFromDescription({
            manifest: { version: 'v1alpha1', metadata: { name: 'svc', version: '1.0.0', author: 'test' } },
            rootfs: {
              '/usr/local/etc/containers/svc.yaml':
                'name: svc\ncontainer:\n  entrypoint: ./svc\ndepends:\n  - service: cri\nrestart: always\n',
              '/usr/local/lib/containers/svc/svc': '#!/bin/sh\n',
            },
          }),
          label: 'svc',
        },
      ],
    });
    const resume = vi.spyOn(NodeBoot.prototype, 'resume');
    const clock = new VirtualClock();
    for (const seed of [1, 2, 3, 4, 5]) {
      const node = await createNode({ clock, bootAsset: withService, random: seededRandom(seed) });
      nodes.push(node);
      await node.boot();
      expect(node.services.get('ext-svc')?.state).toBeDefined();
    }
    expect(resume).not.toHaveBeenCalled();
  });
});
