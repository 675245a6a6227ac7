// A consumer's vitest suite: talos-sim/vitest's matchers and its cluster fixture over the scenario beside it.
// (Named .spec.ts so that talos-sim's own suite, which runs test/**/*.test.ts, leaves it to the consumer.)
import 'talos-sim/vitest';
import { fileURLToPath } from 'node:url';
import { ExtensionStatusType } from 'talos-sim';
import { clusterTest } from 'talos-sim/vitest';
import { describe, expect } from 'vitest';

const it = clusterTest(fileURLToPath(new URL('./two-releases.yaml', import.meta.url)));

describe('a cluster of two Talos releases', () => {
  it('boots v1.13.9 with its Image Factory extensions', async ({ cluster }) => {
    const node = cluster.node('172.20.0.5');
    await expect(node).toHaveExtension('iscsi-tools', 'v0.2.0');
    await expect(node).toHaveExtension('util-linux-tools', '2.42.2');
    await expect(node).toHaveExtension('schematic', '613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245');
    await expect(node).not.toHaveExtension('gvisor');
    await expect(node).toHaveFile('/usr/local/sbin/iscsiadm');
  });

  it('boots v1.3.7 with the extensions of its machine config', async ({ cluster }) => {
    const node = cluster.node('10.5.0.3');
    await expect(node).toHaveExtension('gvisor', '20221107.0-v1.3.7');
    await expect(node).toHaveResource('extensions', '001.ghcr.io-siderolabs-intel-ucode-20221108', {
      metadata: { name: 'intel-ucode', version: '20221108' },
    });
    // a type object gives typed resources, no cast
    const extensions = await node.list(ExtensionStatusType);
    expect(extensions.map((r) => r.spec.metadata.name)).toEqual(['gvisor', 'intel-ucode']);
  });
});
