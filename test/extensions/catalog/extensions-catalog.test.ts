// The extensions catalog: index images per Talos release and the `image-digests | grep` lookup, on the default
// catalog seeded from real extensions.
import { describe, expect, it } from 'vitest';
import {
  createDefaultCatalog,
  ExtensionsCatalog,
  ImageRegistry,
  imageFromDescription,
  isRegistryError,
  loadExtension,
  SEEDED_TALOS_RELEASES,
  validateExtension,
} from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';

const catalog = createDefaultCatalog();

describe('default catalog', () => {
  it('has an index for the seeded releases, listing images pinned by digest in TARGETS order', () => {
    expect(SEEDED_TALOS_RELEASES).toEqual(['v1.11.2', 'v1.14.0-alpha.1']);
    const refs = catalog.entries('v1.14.0-alpha.1').map((e) => e.reference);
    expect(refs).toEqual([
      'ghcr.io/siderolabs/amd-ucode:20260519',
      'ghcr.io/siderolabs/drbd:9.3.2-v1.14.0-alpha.1',
      'ghcr.io/siderolabs/gasket-driver:5815ee3-v1.14.0-alpha.1',
      'ghcr.io/siderolabs/gvisor:20260427.0',
      'ghcr.io/siderolabs/gvisor-debug:v1.0.0',
      'ghcr.io/siderolabs/hello-world-service:v1.0.0',
      'ghcr.io/siderolabs/i915:20260519-v1.14.0-alpha.1',
      'ghcr.io/siderolabs/intel-ucode:20260512',
      'ghcr.io/siderolabs/mdadm:v4.6',
      'ghcr.io/siderolabs/qemu-guest-agent:11.0.0',
      'ghcr.io/siderolabs/thunderbolt:v1.14.0-alpha.1',
      'ghcr.io/siderolabs/vmtoolsd-guest-agent:v1.5.0',
      'ghcr.io/siderolabs/zfs:2.4.2-v1.14.0-alpha.1',
    ]);
  });

  it('holds extensions that load and validate against the release they were built for', () => {
    for (const talos of SEEDED_TALOS_RELEASES) {
      for (const entry of catalog.entries(talos)) {
        const ext = loadExtension(catalog.registry.pull(entry.pinned).image);
        expect(entry.reference).toContain(`/${ext.manifest.metadata.name}:${ext.manifest.metadata.version}`);
        validateExtension(ext, { constraints: true, contents: true, strict: true, talosVersion: talos });
      }
    }
  });

  it('renders manifests as the siderolabs/extensions template does', () => {
    const thunderbolt = catalog.registry
      .pull('ghcr.io/siderolabs/thunderbolt:v1.14.0-alpha.1')
      .image.lookup('manifest.yaml');
    expect(thunderbolt?.kind === 'file' && new TextDecoder().decode(thunderbolt.read())).toBe(`version: v1alpha1
metadata:
  name: thunderbolt
  version: "v1.14.0-alpha.1"
  author: Igor Rzegocki
  description: |
    [extra] This system extension provides Thunderbolt/USB4 drivers kernel modules built against a specific Talos version.
    It enables support for Thunderbolt/USB4 devices, including those used for networking.
    WARNING: This extension automatically authorizes all Thunderbolt devices during system boot, which poses potential security risks. Use at your own discretion.
  compatibility:
    talos:
      version: ">= v1.5.0"
`);
  });

  it('puts kernel modules under the release kernel', () => {
    const zfs = catalog.registry.pull('ghcr.io/siderolabs/zfs:2.3.3-v1.11.2').image;
    expect(zfs.lookup('rootfs/usr/lib/modules/6.12.48-talos/extras/zfs.ko')?.kind).toBe('file');
  });

  it('rebuilds tags reused across releases with new digests, as upstream does', () => {
    const [old] = catalog.find('hello-world-service', 'v1.11.2');
    const [current] = catalog.find('hello-world-service', 'v1.14.0-alpha.1');
    expect(old?.split('@')[0]).toBe(current?.split('@')[0]);
    expect(old).not.toBe(current);
    expect(catalog.registry.pull(old as string).digest).toBe(old?.split('@')[1]);
  });
});

describe('find', () => {
  it('prints every line containing the name, as grep does', () => {
    expect(catalog.find('gvisor', 'v1.14.0-alpha.1').map((l) => l.split('@')[0])).toEqual([
      'ghcr.io/siderolabs/gvisor:20260427.0',
      'ghcr.io/siderolabs/gvisor-debug:v1.0.0',
    ]);
    expect(catalog.find('gasket-driver', '1.14.0-alpha.1')).toHaveLength(1);
    expect(catalog.find('tailscale', 'v1.14.0-alpha.1')).toEqual([]);
  });

  it('fails clearly for a release without an index', () => {
    const err = thrown(() => catalog.find('gvisor', 'v1.5.3'));
    expect(isRegistryError(err)).toBe(true);
    expect(err.message).toBe(
      'image "ghcr.io/siderolabs/extensions:v1.5.3" not found: no tag "v1.5.3" in ghcr.io/siderolabs/extensions',
    );
  });

  it('publishes custom indexes into any registry', () => {
    const own = new ExtensionsCatalog(new ImageRegistry(), { indexRepository: 'registry.example.com/extensions' });
    const lines = own.publish('v1.10.3', [
      {
        reference: 'registry.example.com/ext/my-ext:1.0.0',
        image: imageFromDescription({ manifest: { version: 'v1alpha1', metadata: { name: 'my-ext' } }, rootfs: {} }),
      },
    ]);
    expect(own.indexReference('1.10.3')).toBe('registry.example.com/extensions:v1.10.3');
    expect(own.find('my-ext', 'v1.10.3')).toEqual(lines);
    expect(own.imageDigestsFile('v1.10.3')).toBe(`${lines[0]}\n`);
  });
});
