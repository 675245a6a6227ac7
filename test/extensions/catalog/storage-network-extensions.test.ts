// iscsi-tools, util-linux-tools, nut-client and tailscale in the default catalog: the versions siderolabs/extensions
// built at each release's tag, resolved through Image Factory's officialExtensions, and their manifests.
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog, loadExtension, SEEDED_TALOS_RELEASES } from '../../../src/extensions/index.js';
import { isImagerError, resolveOfficialExtensions } from '../../../src/imager/index.js';
import { buildInstallAsset, readScenario } from '../../../src/index.js';
import { RecordingSquasher } from '../../fixtures/imager/recording-squasher.js';
import { thrown } from '../../support/errors.js';
import { NAMES, official, officialImage, releasesWith, VERSIONS, versionOf } from './storage-network-seed.js';

const catalog = createDefaultCatalog();
const decoder = new TextDecoder();
const image = (name: string, talos: string) => officialImage(catalog, name, talos);

describe('versions as siderolabs/extensions built them', () => {
  it('covers every seeded release', () => {
    expect(Object.keys(VERSIONS)).toEqual([...SEEDED_TALOS_RELEASES]);
  });

  it.each(NAMES)('%s resolves through Image Factory on every release that has it, to its version', (name) => {
    for (const talos of releasesWith(name)) {
      const [pinned] = resolveOfficialExtensions(official(name), talos, catalog);
      expect(pinned, talos).toBe(catalog.find(`/${name}:`, talos)[0]);
      expect(pinned?.split('@')[0]).toBe(`ghcr.io/siderolabs/${name}:${versionOf(name, talos)}`);
      const { metadata } = loadExtension(catalog.registry.pull(pinned as string).image).manifest;
      expect([metadata.name, metadata.version]).toEqual([name, versionOf(name, talos)]);
    }
  });

  it.each(NAMES)('%s is refused where the release did not have it', (name) => {
    for (const talos of SEEDED_TALOS_RELEASES.filter((t) => versionOf(name, t) === '-')) {
      const err = thrown(() => resolveOfficialExtensions(official(name), talos, catalog));
      expect(isImagerError(err) && err.kind, talos).toBe('official-extension-unavailable');
    }
  });

  it('builds v1.13.9 with all four from a scenario naming them', async () => {
    const { plan, catalog: used } = readScenario(
      { officialExtensions: NAMES.map((n) => `siderolabs/${n}`) },
      { catalog },
    );
    const node = plan.nodes[0];
    if (node === undefined) throw new Error('no node');
    const asset = await buildInstallAsset(node.install, node.config, {
      registry: used.registry,
      catalog: used,
      squasher: new RecordingSquasher(),
    });
    expect(asset.layers.map((l) => [l.metadata.name, l.metadata.version])).toEqual([
      ['iscsi-tools', 'v0.2.0'],
      ['nut-client', '2.8.5'],
      ['tailscale', '1.102.2'],
      ['util-linux-tools', '2.42.2'],
      ['schematic', asset.schematicId],
    ]);
  });
});

describe('manifests as the tag renders them', () => {
  const manifest = (name: string, talos: string) => {
    const node = image(name, talos).lookup('manifest.yaml');
    return node?.kind === 'file' ? decoder.decode(node.read()) : undefined;
  };
  const text = (name: string, version: string, author: string, description: string, constraint: string) =>
    `version: v1alpha1\nmetadata:\n  name: ${name}\n  version: "${version}"\n  author: ${author}\n  description: |\n    ${description}\n  compatibility:\n    talos:\n      version: "${constraint}"\n`;

  it('carries the tier tag from v1.11', () => {
    expect(manifest('iscsi-tools', 'v1.13.9')).toBe(
      text('iscsi-tools', 'v0.2.0', 'Sidero Labs', '[core] This system extension provides iscsi-tools.', '>= v1.1.0'),
    );
    expect(manifest('nut-client', 'v1.11.2')).toBe(
      text(
        'nut-client',
        '2.8.4',
        'Sidero Labs',
        '[contrib] This system extension provides the network-ups-tools upsmon service.',
        '>= v1.5.0',
      ),
    );
    expect(manifest('tailscale', 'v1.14.0-rc.1')).toBe(
      text(
        'tailscale',
        '1.102.2',
        'Beau Trepp',
        "[extra] Tailscale connects your team's devices and development environments for easy access to remote resources.",
        '>= v1.5.0',
      ),
    );
    expect(manifest('util-linux-tools', 'v1.12.11')).toBe(
      text(
        'util-linux-tools',
        '2.41.4',
        'Sidero Labs',
        '[contrib] This system extension provides a minimal util-linux package.',
        '>= v1.0.0',
      ),
    );
  });

  it('has the manifest.yaml of earlier tags, nut-client asking Talos v1.2 until v1.5', () => {
    expect(manifest('nut-client', 'v1.4.8')).toBe(
      text(
        'nut-client',
        '2.8.0-v1.4.8',
        'Sidero Labs',
        'This system extension provides the network-ups-tools upsmon service.',
        '>= v1.2.0',
      ),
    );
    expect(manifest('util-linux-tools', 'v1.6.8')).toBe(
      text(
        'util-linux-tools',
        'v1.6.8',
        'Sidero Labs',
        'This system extension provides a minimal util-linux package.',
        '>= v1.0.0',
      ),
    );
  });
});
