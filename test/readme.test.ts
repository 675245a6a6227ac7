// The README's library example, as written there, through the public API.
import { describe, expect, it } from 'vitest';
import { buildFactoryBootAsset, createNode, VirtualClock } from '../src/index.js';

describe('README library example', () => {
  it('boots an Image Factory node with gVisor and reads its resources and root', async () => {
    const bootAsset = await buildFactoryBootAsset({
      talosVersion: 'v1.11.2',
      schematic: { customization: { systemExtensions: { officialExtensions: ['siderolabs/gvisor'] } } },
    });
    const node = await createNode({ bootAsset, clock: new VirtualClock() });
    await node.boot();
    const extensions = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(extensions.map((r) => r.metadata.id)).toEqual(['0', '1']);
    expect(node.filesystem.fs.readdirSync('/etc/cri/conf.d')).toContain('10-gvisor.part');
    expect(node.filesystem.root.provenance('/usr/local/bin/runsc')?.provider).toMatchObject({ name: '/layers/layer0' });
    await node.shutdown();
  });
});
