// Catalog coverage: every known release has the seeded extensions it had upstream, with the versions
// siderolabs/extensions built at its tag; official extensions resolve through Image Factory and `sim ext find`
// prints the pinned reference on every one of them.
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog, loadExtension, SEEDED_TALOS_RELEASES } from '../../../src/extensions/index.js';
import { isImagerError, resolveOfficialExtensions, type Schematic } from '../../../src/imager/index.js';
import { buildInstallAsset, readScenario, type ScenarioSpec } from '../../../src/index.js';
import { RecordingSquasher } from '../../fixtures/imager/recording-squasher.js';
import { thrown } from '../../support/errors.js';
import { sim } from '../../support/run-sim.js';

const catalog = createDefaultCatalog();

/** The boot asset the scenario's first node is installed from, squashed by a recording squasher. */
async function scenarioBootAsset(scenario: ScenarioSpec, options: { squasher: RecordingSquasher }) {
  const { plan, catalog: used } = readScenario(scenario, { catalog });
  const node = plan.nodes[0];
  if (node === undefined) throw new Error('no node');
  return buildInstallAsset(node.install, node.config, {
    registry: used.registry,
    catalog: used,
    squasher: options.squasher,
  });
}
const official = (...names: string[]): Schematic => ({
  customization: { systemExtensions: { officialExtensions: names.map((n) => `siderolabs/${n}`) } },
});
const tagOf = (name: string, talos: string): string | undefined =>
  catalog
    .entries(talos)
    .find((e) => e.reference.startsWith(`ghcr.io/siderolabs/${name}:`))
    ?.reference.slice(`ghcr.io/siderolabs/${name}:`.length);

describe('versions as siderolabs/extensions built them', () => {
  // read at the extensions tags: vars.yaml, Pkgfile vars and Makefile TARGETS
  it.each([
    ['v1.13.9', '20260810.0', '9.3.3-v1.13.9', '2.4.3-v1.13.9'],
    ['v1.10.9', '20250505.0', '9.2.16-v1.10.9', '2.3.3-v1.10.9'],
    ['v1.5.6', '20231214.0-v1.5.6', '9.2.4-v1.5.6', '2.1.12-v1.5.6'],
    ['v1.3.7', '20221107.0-v1.3.7', '9.2.0-v1.3.7', undefined],
    ['v1.0.6', '20220405.0-v1.0.0', undefined, undefined],
  ])('%s: gvisor %s, drbd %s, zfs %s', (talos, gvisor, drbd, zfs) => {
    expect([tagOf('gvisor', talos), tagOf('drbd', talos), tagOf('zfs', talos)]).toEqual([gvisor, drbd, zfs]);
  });

  it('lists only what a release had: v1.0 the four first extensions, the v1.1 build from main', () => {
    const names = (talos: string) => catalog.entries(talos).map((e) => e.reference.split('/').pop());
    expect(names('v1.0.6')).toEqual([
      'amd-ucode:20220411',
      'gvisor:20220405.0-v1.0.0',
      'hello-world-service:v1.0.0',
      'intel-ucode:20220419',
    ]);
    expect(names('v1.1.2')).toEqual([
      'amd-ucode:20220411',
      'gvisor:20220405.0-v1.0.0-10-g82b41ad',
      'hello-world-service:v1.0.0-10-g82b41ad',
      'intel-ucode:20220510',
    ]);
    expect(catalog.entries('v1.14.0-rc.1').map((e) => e.reference.split('/').pop())).toContain('mdadm:v4.6');
  });

  it('has i915-ucode until v1.8 and i915, with its kernel module, from v1.9', () => {
    expect([tagOf('i915-ucode', 'v1.8.4'), tagOf('i915', 'v1.8.4')]).toEqual(['20241110', undefined]);
    expect([tagOf('i915-ucode', 'v1.9.6'), tagOf('i915', 'v1.9.6')]).toEqual([undefined, '20250410-v1.9.6']);
    expect(tagOf('i915-ucode', 'v1.3.7')).toBeUndefined();
  });

  it('keeps the manifests of their time: names, authors, tiers and the no-op mdadm', () => {
    const metadata = (ref: string) => loadExtension(catalog.registry.pull(ref).image).manifest.metadata;
    expect(metadata('ghcr.io/siderolabs/gasket-driver:09385d4-v1.6.8').name).toBe('gasket');
    expect(metadata('ghcr.io/siderolabs/gasket-driver:09385d4-v1.7.7').name).toBe('gasket-driver');
    expect(metadata('ghcr.io/siderolabs/vmtoolsd-guest-agent:0.5.0')).toMatchObject({
      name: 'talos-vmtoolsd',
      version: 'v0.5.0',
      author: 'Brandon Nason',
    });
    expect(metadata('ghcr.io/siderolabs/zfs:2.2.7-v1.9.6').author).toBe('Andrei Kvapil, Aenix');
    expect(metadata('ghcr.io/siderolabs/gvisor:20250505.0').description).toBe(
      "This system extension provides gVisor using containerd's runtime handler.\n",
    );
    expect(metadata('ghcr.io/siderolabs/gvisor:20250707.0').description).toBe(
      "[core] This system extension provides gVisor using containerd's runtime handler.\n",
    );
    const [mdadm] = catalog.find('mdadm', 'v1.14.0-rc.1');
    const noop = catalog.registry.pull(mdadm as string).image;
    expect(loadExtension(noop).manifest.metadata.description).toBe(
      '[deprecated] This system extension is no-op, for backward compatibility.\n',
    );
    expect(noop.list('rootfs/usr/local/sbin')).toEqual([]);
  });

  it('ships the configuration files of each release', () => {
    const read = (ref: string, path: string) => {
      const node = catalog.registry.pull(ref).image.lookup(`rootfs${path}`);
      return node?.kind === 'file' ? new TextDecoder().decode(node.read()) : node?.kind;
    };
    expect(read('ghcr.io/siderolabs/gvisor:20220405.0-v1.2.9', '/etc/cri/conf.d/gvisor.part')).toContain(
      '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]',
    );
    expect(read('ghcr.io/siderolabs/gvisor:20220405.0-v1.2.9', '/etc/cri/conf.d/runsc.toml')).toContain(
      'ignore-cgroups = "true"',
    );
    // v1.8 added the KVM handler; v1.9 numbered the parts
    expect(read('ghcr.io/siderolabs/gvisor:20240826.0', '/etc/cri/conf.d/gvisor-kvm.part')).toBe(
      read('ghcr.io/siderolabs/gvisor:20260810.0', '/etc/cri/conf.d/10-gvisor-kvm.part'),
    );
    expect(read('ghcr.io/siderolabs/gvisor:20240325.0', '/etc/cri/conf.d/gvisor-kvm.part')).toBeUndefined();
    expect(read('ghcr.io/siderolabs/zfs:2.2.4-v1.7.7', '/usr/local/etc/containers/zpool-importer.yaml')).toContain(
      '- source: /proc',
    );
    expect(read('ghcr.io/siderolabs/zfs:2.1.12-v1.5.6', '/usr/local/sbin/zpool')).toBeUndefined();
    expect(
      read('ghcr.io/siderolabs/qemu-guest-agent:8.0.2', '/usr/local/etc/containers/qemu-guest-agent.yaml'),
    ).toContain('  - service: cri\n');
    expect(
      read('ghcr.io/siderolabs/thunderbolt:v1.10.9', '/usr/lib/udev/rules.d/99-thunderbolt.rules'),
    ).toBeUndefined();
    expect(
      read('ghcr.io/siderolabs/vmtoolsd-guest-agent:v0.6.1', '/usr/local/etc/containers/talos-vmtoolsd.yaml'),
    ).not.toContain('- vmtoolsd\n');
  });
});

describe('Image Factory official extensions on every known release', () => {
  it.each(SEEDED_TALOS_RELEASES)('%s: each listed extension resolves to its pinned reference', (talos) => {
    const entries = catalog.entries(talos);
    const names = entries.map((e) => e.reference.slice('ghcr.io/siderolabs/'.length).split(':')[0] as string);
    expect(resolveOfficialExtensions(official(...names), talos, catalog)).toEqual(entries.map((e) => e.pinned));
  });

  it('follows the renames through the aliases, and refuses what a release did not have', () => {
    const [i915] = resolveOfficialExtensions(official('i915-ucode', 'gasket'), 'v1.13.9', catalog);
    expect(i915).toBe(catalog.find('i915', 'v1.13.9')[0]);
    const err = thrown(() => resolveOfficialExtensions(official('zfs'), 'v1.4.8', catalog));
    expect(isImagerError(err) && err.kind).toBe('official-extension-unavailable');
    expect(err.message).toBe('official extension "siderolabs/zfs" is not available for Talos version v1.4.8');
  });

  it('builds the default release v1.13.9 from a scenario naming official extensions', async () => {
    const asset = await scenarioBootAsset(
      { officialExtensions: ['siderolabs/gvisor', 'siderolabs/zfs'] },
      { squasher: new RecordingSquasher() },
    );
    expect(asset.layers.map((l) => [l.metadata.name, l.metadata.version])).toEqual([
      ['gvisor', '20260810.0'],
      ['zfs', '2.4.3-v1.13.9'],
      ['schematic', asset.schematicId],
      ['modules.dep', expect.any(String)],
    ]);
  });

  it('builds v1.5.6, whose gasket-driver image still called itself gasket', async () => {
    const asset = await scenarioBootAsset(
      { talos: 'v1.5.6', officialExtensions: ['siderolabs/gasket-driver', 'siderolabs/zfs'] },
      { squasher: new RecordingSquasher() },
    );
    expect(asset.layers.map((l) => l.metadata.name)).toEqual(['gasket', 'zfs', 'schematic', 'modules.dep']);
  });
});

describe('the installer on releases before Image Factory and the imager', () => {
  it.each([
    ['v1.0.6', 'ghcr.io/siderolabs/gvisor:20220405.0-v1.0.0', 'gvisor'],
    ['v1.4.8', 'ghcr.io/siderolabs/i915-ucode:20230310', 'i915-ucode'],
  ])('%s installs %s from .machine.install.extensions', async (talos, image, name) => {
    const machineConfig = `machine:\n  install:\n    extensions:\n      - image: ${image}\n`;
    const asset = await scenarioBootAsset({ talos, config: machineConfig }, { squasher: new RecordingSquasher() });
    expect(asset.layers.map((l) => l.metadata.name)).toEqual([name]);
  });
});

describe('sim ext find on every known release', () => {
  it.each(SEEDED_TALOS_RELEASES)('%s: prints the pinned reference of each listed extension', async (talos) => {
    for (const entry of catalog.entries(talos)) {
      const name = entry.reference.slice('ghcr.io/siderolabs/'.length).split(':')[0] as string;
      const run = await sim(['ext', 'find', name, '--talos', talos]);
      expect([run.code, run.stderr]).toEqual([0, '']);
      const lines = run.stdout.split('\n').filter((l) => l !== '');
      // grep matches names inside others (gvisor finds gvisor-debug too); the extension's own line is among them
      expect(lines).toContain(entry.pinned);
      expect(lines.every((l) => l.includes(name))).toBe(true);
    }
  });
});
