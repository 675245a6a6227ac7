// The README's library example, as written there, through the public API.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../src/index.js';

describe('README library example', () => {
  it('boots a two-node cluster, reads resources and the root, advances time and upgrades', async () => {
    await using cluster = await createCluster({
      nodes: [
        { address: '10.5.0.2', talos: 'v1.11.2', officialExtensions: ['siderolabs/gvisor'] },
        {
          address: '10.5.0.3',
          talos: 'v1.9',
          config:
            'version: v1alpha1\nmachine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/gvisor:20250707.0\n',
        },
      ],
    });
    const node = cluster.node('10.5.0.2');
    const extensions = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(extensions.map((r) => r.metadata.id)).toEqual(['0', '1']);
    expect(node.filesystem.fs.readdirSync('/etc/cri/conf.d')).toContain('10-gvisor.part');
    expect(node.filesystem.root.provenance('/usr/local/bin/runsc')?.provider).toMatchObject({ name: '/layers/layer0' });
    const legacy = await cluster.node('10.5.0.3').resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(legacy.map((r) => r.metadata.id)).toEqual(['000.ghcr.io-siderolabs-gvisor-20250707.0']);
    await cluster.advance('30s');
    await node.upgrade({ talosVersion: 'v1.14.0-alpha.1' });
    expect(node.talosVersion).toBe('v1.14.0-alpha.1');
  });
});
