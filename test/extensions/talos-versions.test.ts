// The table of Talos versions talos-sim knows and the facts derived from its boundaries.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TALOS_VERSION,
  describeTalosVersion,
  isTalosVersionError,
  KNOWN_TALOS_RELEASES,
  resolveTalosVersion,
} from '../../src/extensions/index.js';
import { thrown } from '../support/errors.js';

describe('known Talos releases', () => {
  it('lists the newest release of every minor line from v1.0 to v1.14, oldest first', () => {
    expect(KNOWN_TALOS_RELEASES.map((r) => r.version)).toEqual([
      'v1.0.6',
      'v1.1.2',
      'v1.2.9',
      'v1.3.7',
      'v1.4.8',
      'v1.5.6',
      'v1.6.8',
      'v1.7.7',
      'v1.8.4',
      'v1.9.6',
      'v1.10.9',
      'v1.11.6',
      'v1.12.11',
      'v1.13.9',
      'v1.14.0-rc.1',
    ]);
    expect(KNOWN_TALOS_RELEASES.every((r) => r.kernel !== undefined)).toBe(true);
    expect(DEFAULT_TALOS_VERSION).toBe('v1.13.9');
  });

  it('derives the version-dependent facts from their boundaries', () => {
    const v19 = describeTalosVersion('v1.9.6');
    const v110 = describeTalosVersion('v1.10.0');
    expect([v19.usrMerge, v19.modulesPath, v19.firmwarePath, v19.installExtensions]).toEqual([
      false,
      '/lib/modules',
      '/lib/firmware',
      'honoured',
    ]);
    expect([v110.usrMerge, v110.modulesPath, v110.firmwarePath, v110.installExtensions]).toEqual([
      true,
      '/usr/lib/modules',
      '/usr/lib/firmware',
      'ignored',
    ]);
    expect(describeTalosVersion('v1.7.7').squashfsCompression).toEqual({ algorithm: 'xz', dictSize: '100%' });
    expect(describeTalosVersion('v1.8.0').squashfsCompression).toEqual({ algorithm: 'zstd', level: 18 });
    expect(describeTalosVersion('v1.4.8').bootAssetsWithExtensions).toBe(false);
    expect(describeTalosVersion('v1.5.0').bootAssetsWithExtensions).toBe(true);
    expect(describeTalosVersion('v1.5.6').installExtensionsWarning).toBeUndefined();
    expect(describeTalosVersion('v1.6.0').installExtensionsWarning).toBe(
      '.machine.install.extensions is deprecated, please see https://www.talos.dev/latest/talos-guides/install/boot-assets/',
    );
    expect(describeTalosVersion('v1.13.0').installExtensionsWarning).toBe(
      '.machine.install.extensions is deprecated, please see https://docs.siderolabs.com/talos/latest/platform-specific-installations/boot-assets',
    );
  });

  it('treats a pre-release like its core version, as the imager quirks do', () => {
    expect(describeTalosVersion('v1.10.0-beta.1').usrMerge).toBe(true);
    expect(describeTalosVersion('v1.10.0-beta.1').prerelease).toBe(true);
  });

  it('knows kernels of exact releases only', () => {
    expect(describeTalosVersion('v1.10.9').kernel).toBe('6.12.63');
    expect(describeTalosVersion('v1.10.0').kernel).toBe('6.12.25');
    expect(describeTalosVersion('v1.10.3').kernel).toBeUndefined();
  });

  it('gives versions past the table the newest behaviour', () => {
    expect(describeTalosVersion('v1.15.0').allowedPaths).toEqual(describeTalosVersion('v1.13.0').allowedPaths);
  });

  it('resolves a minor line to its newest known release', () => {
    expect(resolveTalosVersion('v1.10').version).toBe('v1.10.9');
    expect(resolveTalosVersion('1.4').version).toBe('v1.4.8');
    expect(resolveTalosVersion('v1.16').version).toBe('v1.16.0');
  });

  it('refuses releases that never existed on a known line, and pre-release tags Talos never uses', () => {
    expect(thrown(() => resolveTalosVersion('v1.11.99'))).toMatchObject({
      kind: 'unreleased',
      message: 'Talos v1.11.99 was never released: the newest v1.11 release talos-sim knows is v1.11.6',
    });
    expect(thrown(() => resolveTalosVersion('v1.14.1'))).toMatchObject({
      kind: 'unreleased',
      message: 'Talos v1.14.1 was never released: the newest v1.14 release talos-sim knows is v1.14.0-rc.1',
    });
    for (const tag of ['v1.0.0-alpha', 'v1.10.3-beta.1', 'v1.10.0-pre.1', 'v1.10.0-rc.1.2']) {
      expect(thrown(() => resolveTalosVersion(tag))).toMatchObject({
        kind: 'not-a-release-tag',
        message: `Talos ${tag} was never released: pre-releases are tagged vX.Y.0-alpha.N, -beta.N or -rc.N`,
      });
    }
    // every release up to the newest known one of a line, its pre-releases, the next release of an unfinished line
    // and lines past the table stay accepted
    for (const tag of [
      'v1.11.6',
      'v1.11.3',
      'v1.0.0-alpha.0',
      'v1.10.0-beta.1',
      'v1.14.0',
      'v1.15.0-alpha.0',
      'v1.16.2',
    ])
      expect(resolveTalosVersion(tag).version).toBe(tag);
  });

  it('rejects non-versions and versions before system extensions', () => {
    const bad = thrown(() => describeTalosVersion('latest'));
    expect(isTalosVersionError(bad)).toBe(true);
    expect(bad.message).toBe('invalid Talos version "latest": expected a semantic version such as v1.10.0');
    expect(thrown(() => describeTalosVersion('v0.14.0')).message).toBe(
      'Talos version "v0.14.0" predates system extensions (introduced in v1.0.0)',
    );
  });
});

describe('goYaml fact', () => {
  it.each([
    ['v1.11.6', 'v3'],
    ['v1.12.0', 'rc3'],
    ['v1.13.9', 'rc4'],
    ['v1.14.0-alpha.1', 'rc4'],
    ['v1.14.0-alpha.2', 'rc6'],
    ['v1.14.0-rc.1', 'rc6'],
  ])('%s writes YAML with go-yaml %s', (version, flavour) => {
    expect(describeTalosVersion(version).goYaml).toBe(flavour);
  });
});
