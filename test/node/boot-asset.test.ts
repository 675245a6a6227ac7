// A node booted from a boot asset: its extension layers are real squashfs images (made by talos-sim's writer), mounted over the base rootfs
// as Talos's initramfs does, and machined publishes one ExtensionStatus per layer.
import { describe, expect, it } from 'vitest';
import { type BootAsset, buildBootAsset } from '../../src/imager/index.js';
import { createNode, MemoryLogger, parseMachineConfig, seededRandom, VirtualClock } from '../../src/index.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';

function asset(): Promise<BootAsset> {
  return buildBootAsset({
    talosVersion: 'v1.11',
    imageFactory: { schematic: {} },
    extensions: [
      { image: extensionImage('gvisor', { version: '20250505.0', rootfs: { '/usr/local/bin/runsc': 'runsc v1\n' } }) },
      {
        image: extensionImage('later', {
          version: '2.0.0',
          rootfs: {
            '/usr/local/bin/runsc': 'runsc v2\n',
            '/usr/lib/firmware/acme/fw.bin': 'firmware\n',
          },
        }),
      },
    ],
  });
}

describe('booting a boot asset', () => {
  it('publishes one ExtensionStatus per layer, in layer order, and mounts the layers with the last on top', async () => {
    const built = await asset();
    const logger = new MemoryLogger();
    const node = await createNode({ bootAsset: built, clock: new VirtualClock(), random: seededRandom(1), logger });
    await node.boot();
    expect(node.talosVersion).toBe(built.talosVersion);

    const statuses = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(statuses.map((r) => [r.metadata.id, (r.spec as { metadata: { name: string } }).metadata.name])).toEqual([
      ['0', 'gvisor'],
      ['1', 'later'],
      ['2', 'schematic'],
    ]);

    const { fs, mounts, root } = node.filesystem;
    expect(fs.readFileSync('/usr/local/bin/runsc', 'utf8')).toBe('runsc v2\n');
    expect(root.provenance('/usr/local/bin/runsc')?.provider).toMatchObject({ name: '/layers/layer1' });
    expect(fs.readFileSync('/usr/lib/firmware/acme/fw.bin', 'utf8')).toBe('firmware\n');
    expect(fs.readFileSync('/etc/extensions.yaml', 'utf8')).toBe(built.extensionsYaml);
    expect(mounts.procMounts().split('\n')[0]).toBe(
      'overlay / overlay ro,lowerdir=/layers/layer2:/layers/layer1:/layers/layer0:/layers/root 0 0',
    );
    expect(logger.entries.map((e) => e.message).filter((m) => m.startsWith('enabling'))).toEqual([
      `enabling system extension schematic ${built.schematicId}`,
      'enabling system extension later 2.0.0',
      'enabling system extension gvisor 20250505.0',
    ]);
    expect(() => fs.writeFileSync('/usr/local/bin/runsc', 'x')).toThrow('EROFS');
    await node.shutdown();
  });

  it('refuses a Talos version that contradicts the asset', async () => {
    const built = await asset();
    await expect(createNode({ bootAsset: built, talosVersion: 'v1.10' })).rejects.toThrow(
      `the boot asset is for Talos ${built.talosVersion}, not v1.10.9`,
    );
  });

  it('refuses extensions without the boot asset built from them, and a config its release refuses', async () => {
    const missing = 'extensions and officialExtensions say what the boot asset was built from: pass the bootAsset';
    await expect(createNode({ talosVersion: 'v1.12', officialExtensions: ['siderolabs/gvisor'] })).rejects.toThrow(
      missing,
    );
    await expect(createNode({ extensions: ['ghcr.io/siderolabs/gvisor:20250707.0'] })).rejects.toThrow(missing);
    const config = parseMachineConfig('version: v1alpha1\nmachine:\n  type: banana\n');
    await expect(createNode({ talosVersion: 'v1.12', machineConfig: config })).rejects.toThrow(
      'unknown machine type "banana"',
    );
    // loaded by the node's release: v1.11 has no KubeSpanConfig document
    const newer = parseMachineConfig(
      'version: v1alpha1\nmachine:\n  type: worker\n---\napiVersion: v1alpha1\nkind: KubeSpanConfig\nenabled: true\n',
    );
    await expect(createNode({ talosVersion: 'v1.11', machineConfig: newer })).rejects.toThrow(
      '"KubeSpanConfig" "v1alpha1": not registered',
    );
    const node = await createNode({
      talosVersion: 'v1.11',
      machineConfig: parseMachineConfig(config.text.replace('banana', 'worker')),
    });
    expect(node.machineConfig?.text).toBe('version: v1alpha1\nmachine:\n  type: worker\n');
  });
});
