// The legacy install path (spec §3.3): `.machine.install.extensions` honoured by the v1.0–v1.9 installer with both
// checks and `NNN.<reference>` layer names; ignored from v1.10 with the deprecation warning; duplicate images
// rejected in every release; configs talos-sim cannot read.
import { describe, expect, it } from 'vitest';
import { ImageRegistry, INPUT_LIMITS } from '../../src/extensions/index.js';
import {
  type InstallExtensionsOptions,
  installExtensionImages,
  installWithExtensions,
  isImagerError,
  isMachineConfigError,
  legacyExtensionDirectory,
} from '../../src/imager/index.js';
import { elfModule } from '../fixtures/imager/elf-module.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';
import { RecordingSquasher } from '../fixtures/imager/recording-squasher.js';

const GVISOR = 'ghcr.io/siderolabs/gvisor:20220117.0-v1.0.0';
const ISCSI = 'ghcr.io/siderolabs/iscsi-tools:v0.1.1';
const OLD_DOCS = 'https://www.talos.dev/latest/talos-guides/install/boot-assets/';
const NEW_DOCS = 'https://docs.siderolabs.com/talos/latest/platform-specific-installations/boot-assets';

function registry(): ImageRegistry {
  const r = new ImageRegistry();
  r.push(GVISOR, extensionImage('gvisor', { version: '20220117.0-v1.0.0', author: 'Andrew Rynhard' }));
  r.push(ISCSI, extensionImage('iscsi-tools', { version: 'v0.1.1', rootfs: { '/usr/local/sbin/iscsid': 'x' } }));
  r.push('ghcr.io/example/bad:1', extensionImage('bad', { rootfs: { '/boot/vmlinuz': 'k' } }));
  r.push('ghcr.io/example/usr-firmware:1', extensionImage('usr-firmware', { rootfs: { '/usr/lib/firmware/x': 'x' } }));
  r.push(
    'ghcr.io/example/modules:1',
    extensionImage('modules', { rootfs: { '/lib/modules/6.12.25-talos/extras/m.ko': elfModule(['license=GPL']) } }),
  );
  return r;
}

function config(...images: string[]): string {
  const list = images.map((i) => `      - image: ${i}\n`).join('');
  return `version: v1alpha1\nmachine:\n  type: worker\n  install:\n    disk: /dev/sda\n    extensions:\n${list}`;
}

async function install(talosVersion: string, machineConfig: string, extra: Partial<InstallExtensionsOptions> = {}) {
  const log: string[] = [];
  const result = await installWithExtensions({
    talosVersion,
    machineConfig,
    registry: registry(),
    squasher: new RecordingSquasher(),
    onLog: (l) => log.push(l),
    ...extra,
  });
  return { ...result, log };
}

async function failure(talosVersion: string, machineConfig: string): Promise<Error & { kind?: string }> {
  const err = await install(talosVersion, machineConfig).catch((e: Error) => e);
  if (!(err instanceof Error)) throw new Error('expected a failure');
  return err;
}

describe('Talos v1.0–v1.9: honoured at install and upgrade', () => {
  it('names layers NNN.<reference with : and / replaced by -> (IDs like 000.ghcr.io-siderolabs-gvisor-…)', async () => {
    const { bootAsset, warnings, log } = await install('v1.0.6', config(GVISOR, ISCSI));
    expect(warnings).toEqual([]);
    expect(bootAsset.source).toBe('install-extensions');
    expect(bootAsset.layers.map((l) => [l.name, l.image, l.origin])).toEqual([
      [
        '000.ghcr.io-siderolabs-gvisor-20220117.0-v1.0.0',
        '000.ghcr.io-siderolabs-gvisor-20220117.0-v1.0.0.sqsh',
        GVISOR,
      ],
      ['001.ghcr.io-siderolabs-iscsi-tools-v0.1.1', '001.ghcr.io-siderolabs-iscsi-tools-v0.1.1.sqsh', ISCSI],
    ]);
    expect(bootAsset.layers[0]?.squashOptions.compression).toEqual({ algorithm: 'xz', dictSize: '100%' });
    expect(log).toEqual([
      `pulling extension "${GVISOR}"`,
      `pulling extension "${ISCSI}"`,
      'discovered system extensions:',
      'NAME          VERSION             AUTHOR',
      'gvisor        20220117.0-v1.0.0   Andrew Rynhard',
      'iscsi-tools   v0.1.1              Sidero Labs',
      'validating system extensions',
      'compressing system extensions',
      'creating system extensions initramfs archive and compressing it',
    ]);
  });

  it('checks contents against the allowlist of the release being installed', async () => {
    const bad = await failure('v1.3.7', config(GVISOR, 'ghcr.io/example/bad:1'));
    expect(isImagerError(bad) && bad.kind).toBe('validate');
    expect(bad.message).toBe('error validating extension "bad": path "/boot/vmlinuz" is not allowed in extensions');
    const usr = await failure('v1.9.6', config('ghcr.io/example/usr-firmware:1'));
    expect(usr.message).toBe(
      'error validating extension "usr-firmware": path "/usr/lib/firmware/x" is not allowed in extensions',
    );
  });

  it('checks constraints against the release tag before v1.5 and its core from v1.5', async () => {
    const r = registry();
    r.push('ghcr.io/example/new:1', extensionImage('new', { constraint: '>= v1.4.0' }));
    const early = await installWithExtensions({
      talosVersion: 'v1.3.7',
      machineConfig: config('ghcr.io/example/new:1'),
      registry: r,
      squasher: new RecordingSquasher(),
    }).catch((e: Error) => e);
    expect((early as Error).message).toBe(
      'error validating extension "new": version constraint >= v1.4.0 can\'t be satisfied with Talos version 1.3.7',
    );
  });

  it('warns from v1.6 and adds the modules.dep layer (at /lib/modules) from v1.4', async () => {
    const v19 = await install('v1.9.6', config('ghcr.io/example/modules:1'));
    expect(v19.warnings).toEqual([`.machine.install.extensions is deprecated, please see ${OLD_DOCS}`]);
    expect(v19.bootAsset.layers.map((l) => l.name)).toEqual(['000.ghcr.io-example-modules-1', 'modules.dep']);
    expect(v19.bootAsset.layers[1]?.rootfs.list('/lib/modules/6.12.25-talos')).toContain('modules.dep');
  });

  it('adds no modules.dep layer before v1.4', async () => {
    const r = registry();
    r.push(
      'ghcr.io/example/old-modules:1',
      extensionImage('old-modules', { rootfs: { '/lib/modules/5.15.106-talos/extras/m.ko': 'm' } }),
    );
    const { bootAsset } = await installWithExtensions({
      talosVersion: 'v1.3.7',
      machineConfig: config('ghcr.io/example/old-modules:1'),
      registry: r,
      squasher: new RecordingSquasher(),
    });
    expect(bootAsset.layers.map((l) => l.name)).toEqual(['000.ghcr.io-example-old-modules-1']);
  });
});

describe('Talos v1.10 and later: no effect', () => {
  it.each([
    ['v1.10.9', OLD_DOCS],
    ['v1.11.2', OLD_DOCS],
    ['v1.13.9', NEW_DOCS],
  ])('Talos %s boots the stock asset and warns (twice: Validate and RuntimeValidate)', async (talosVersion, docs) => {
    const { bootAsset, warnings, log } = await install(talosVersion, config(GVISOR));
    const warning = `.machine.install.extensions is deprecated, please see ${docs}`;
    expect(warnings).toEqual([warning, warning]);
    expect(bootAsset.layers).toEqual([]);
    expect(bootAsset.extensionsYaml).toBeUndefined();
    expect(log).toEqual([]);
  });
});

describe('an upgrade: the running release pulls (≤ v1.9), the target release builds (≤ v1.9)', () => {
  it('v1.9 running, v1.10 target: pulled (a missing image fails), not installed', async () => {
    const { bootAsset, log } = await install('v1.10.9', config(GVISOR), { runningVersion: 'v1.9.6' });
    expect([bootAsset.layers, log]).toEqual([[], [`pulling extension "${GVISOR}"`]]);
    const missing = await install('v1.10.9', config('ghcr.io/example/missing:1'), { runningVersion: 'v1.9.6' }).catch(
      (e: Error) => e,
    );
    expect(isImagerError(missing) && missing.kind).toBe('pull');
  });

  it('v1.10 running, v1.9 target: nothing pulled, so nothing to install', async () => {
    const { bootAsset, log } = await install('v1.9.6', config(GVISOR), { runningVersion: 'v1.10.9' });
    expect([bootAsset.layers, log]).toEqual([[], []]);
  });
});

describe('config validation', () => {
  it.each(['v1.0.6', 'v1.11.2'])('Talos %s rejects a repeated image', async (talosVersion) => {
    const one = await failure(talosVersion, config(GVISOR, ISCSI, GVISOR));
    expect(isMachineConfigError(one) && one.kind).toBe('config-validation');
    expect(one.message).toBe(`1 error occurred:\n\t* duplicate system extension "${GVISOR}"\n\n`);
    expect(isMachineConfigError(one) && one.errors).toEqual([`duplicate system extension "${GVISOR}"`]);
    const two = await failure(talosVersion, config(GVISOR, GVISOR, ISCSI, ISCSI));
    expect(two.message).toBe(
      `2 errors occurred:\n\t* duplicate system extension "${GVISOR}"\n\t* duplicate system extension "${ISCSI}"\n\n`,
    );
  });

  it('has nothing to install or warn about without the field, and reads multi-document configs', async () => {
    const none = await install(
      'v1.9.6',
      'version: v1alpha1\nmachine:\n  type: worker\n  install:\n    disk: /dev/sda\n',
    );
    expect([none.warnings, none.bootAsset.layers]).toEqual([[], []]);
    const multi = `apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: x\n---\n${config(GVISOR)}`;
    expect(installExtensionImages(multi)).toEqual([GVISOR]);
    expect(installExtensionImages(config('1.0', '"quoted:ref"'))).toEqual(['1.0', 'quoted:ref']);
  });

  it('rejects configs it cannot read with a clear error', async () => {
    for (const bad of [
      'machine: [unclosed',
      'version: v1alpha1\nmachine:\n  install:\n    extensions: ghcr.io/x:1\n',
      'version: v1alpha1\nmachine:\n  install:\n    extensions:\n      - ghcr.io/x:1\n',
    ]) {
      const err = await failure('v1.9.6', bad);
      expect(isMachineConfigError(err) && err.kind).toBe('invalid-machine-config');
      expect(err.message).toMatch(/^invalid machine config: /);
    }
  });

  it('refuses a machine config over INPUT_LIMITS.machineConfigBytes before parsing it', async () => {
    const big = `${config(GVISOR)}# ${'x'.repeat(INPUT_LIMITS.machineConfigBytes)}\n`;
    const err = await failure('v1.9.6', big);
    expect([isMachineConfigError(err) && err.kind, err.message]).toEqual([
      'too-large',
      'invalid machine config: larger than the limit of 4194304 bytes (4 MiB)',
    ]);
  });

  it('keeps a digest in the directory name', () => {
    expect(legacyExtensionDirectory(12, `ghcr.io/a/b:1@sha256:${'0'.repeat(64)}`)).toBe(
      `012.ghcr.io-a-b-1@sha256-${'0'.repeat(64)}`,
    );
  });
});
