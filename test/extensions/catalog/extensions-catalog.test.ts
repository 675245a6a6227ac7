// The extensions catalog: index images per Talos release and the `image-digests | grep` lookup, on the default
// catalog seeded from real extensions for every known release.
import { describe, expect, it } from 'vitest';
import {
  createDefaultCatalog,
  ExtensionsCatalog,
  ImageRegistry,
  imageFromDescription,
  isRegistryError,
  KNOWN_TALOS_RELEASES,
  loadExtension,
  SEEDED_TALOS_RELEASES,
  validateExtension,
} from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';

const catalog = createDefaultCatalog();

describe('default catalog', () => {
  it('has an index for every known release, listing images pinned by digest in TARGETS order', () => {
    // the newest patch of each minor line, and the two releases whose real lists talos-sim carries
    expect([...SEEDED_TALOS_RELEASES].sort()).toEqual(
      [...KNOWN_TALOS_RELEASES.map((r) => r.version), 'v1.11.2', 'v1.14.0-alpha.1'].sort(),
    );
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
    // the manifests that did not say what the image was tagged as (seed-extensions.ts)
    const manifestQuirks: Record<string, string> = {
      'ghcr.io/siderolabs/gasket-driver:97aeba58-v1.3.7': 'gasket:97aeba58-v1.3.7',
      'ghcr.io/siderolabs/gasket-driver:97aeba58-v1.4.8': 'gasket:97aeba58-v1.4.8',
      'ghcr.io/siderolabs/gasket-driver:97aeba58-v1.5.6': 'gasket:97aeba58-v1.5.6',
      'ghcr.io/siderolabs/gasket-driver:09385d4-v1.6.8': 'gasket:09385d4-v1.6.8',
      'ghcr.io/siderolabs/vmtoolsd-guest-agent:0.5.0': 'talos-vmtoolsd:v0.5.0',
      'ghcr.io/siderolabs/vmtoolsd-guest-agent:v0.6.1': 'vmtoolsd-guest-agent:v0.5.0',
      'ghcr.io/siderolabs/vmtoolsd-guest-agent:v1.0.0': 'vmtoolsd-guest-agent:v0.5.0',
    };
    const seen = new Set<string>();
    for (const talos of SEEDED_TALOS_RELEASES) {
      for (const entry of catalog.entries(talos)) {
        const ext = loadExtension(catalog.registry.pull(entry.pinned).image);
        const { name, version } = ext.manifest.metadata;
        const [repository = '', tag = ''] = entry.reference.split(/:(?=[^:]*$)/);
        const expected = manifestQuirks[entry.reference] ?? `${repository.replace('ghcr.io/siderolabs/', '')}:${tag}`;
        expect(`${name}:${version}`, entry.pinned).toBe(expected);
        if (manifestQuirks[entry.reference] !== undefined) seen.add(entry.reference);
        validateExtension(ext, { constraints: true, contents: true, strict: true, talosVersion: talos });
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(manifestQuirks).sort());
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

  it('renders the manifests of releases before descriptions carried the tier', () => {
    const zfs = catalog.registry.pull('ghcr.io/siderolabs/zfs:2.1.12-v1.5.6').image.lookup('manifest.yaml');
    expect(zfs?.kind === 'file' && new TextDecoder().decode(zfs.read())).toBe(`version: v1alpha1
metadata:
  name: zfs
  version: "2.1.12-v1.5.6"
  author: Andrei Kvapil
  description: |
    This system extension provides kernel module driver for ZFS built against a specific Talos version.
  compatibility:
    talos:
      version: ">= v1.5.0"
`);
  });

  it('puts kernel modules and firmware where the release keeps them, under its kernel', () => {
    const has = (ref: string, path: string) => catalog.registry.pull(ref).image.lookup(`rootfs${path}`)?.kind;
    expect(has('ghcr.io/siderolabs/zfs:2.3.3-v1.11.2', '/usr/lib/modules/6.12.48-talos/extras/zfs.ko')).toBe('file');
    expect(has('ghcr.io/siderolabs/zfs:2.1.12-v1.5.6', '/lib/modules/6.1.74-talos/extras/zfs.ko')).toBe('file');
    expect(has('ghcr.io/siderolabs/i915:20250410-v1.9.6', '/lib/modules/6.12.25-talos/modules.order')).toBe('file');
    expect(has('ghcr.io/siderolabs/i915:20250410-v1.9.6', '/lib/firmware/i915/adlp_dmc.bin')).toBe('file');
    expect(has('ghcr.io/siderolabs/i915:20251111-v1.10.9', '/usr/lib/firmware/i915/adlp_dmc.bin')).toBe('file');
    expect(has('ghcr.io/siderolabs/amd-ucode:20220411', '/lib/firmware/amd-ucode/microcode_amd.bin')).toBe('file');
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
