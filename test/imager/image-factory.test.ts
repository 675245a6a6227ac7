// Image Factory builds: official extensions resolved in the release's index (with the rename aliases and their
// quirk), the virtual `schematic` extension appended last before modules.dep (spec §3.2's gvisor + drbd example),
// schematic IDs, `extraInfo` from v1.7, and the /extensions.yaml Image Factory's imager writes (golden files).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDefaultCatalog, ExtensionsCatalog, ImageRegistry } from '../../src/extensions/index.js';
import {
  buildBootAsset,
  buildFactoryBootAsset,
  isImagerError,
  marshalSchematic,
  resolveOfficialExtensions,
  type Schematic,
  schematicId,
} from '../../src/imager/index.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';
import { RecordingSquasher } from '../fixtures/imager/recording-squasher.js';
import { expectGolden } from '../support/golden.js';

const GVISOR_DRBD: Schematic = {
  customization: { systemExtensions: { officialExtensions: ['siderolabs/gvisor', 'siderolabs/drbd'] } },
};

describe('schematics', () => {
  it('marshals as image-factory does and hashes to the well-known ID of the empty schematic', () => {
    expect(marshalSchematic({})).toBe('customization: {}\n');
    expect(schematicId({})).toBe('376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba');
    expect(
      marshalSchematic({ customization: { extraKernelArgs: ['net.ifnames=0'], ...GVISOR_DRBD.customization } }),
    ).toBe(
      [
        'customization:',
        '    extraKernelArgs:',
        '        - net.ifnames=0',
        '    systemExtensions:',
        '        officialExtensions:',
        '            - siderolabs/gvisor',
        '            - siderolabs/drbd',
        '',
      ].join('\n'),
    );
  });
});

describe('buildFactoryBootAsset', () => {
  it('stacks gvisor, drbd, the schematic and modules.dep (spec §3.2)', async () => {
    const asset = await buildFactoryBootAsset({
      talosVersion: 'v1.11.2',
      schematic: GVISOR_DRBD,
      squasher: new RecordingSquasher(),
    });
    const id = schematicId(GVISOR_DRBD);
    expect(asset.source).toBe('image-factory');
    expect(asset.schematicId).toBe(id);
    expect(asset.layers.map((l) => [l.name, l.metadata.name])).toEqual([
      ['0', 'gvisor'],
      ['1', 'drbd'],
      ['2', 'schematic'],
      ['modules.dep', 'modules.dep'],
    ]);
    const schematic = asset.layers[2];
    expect(schematic?.metadata).toEqual({
      name: 'schematic',
      version: id,
      author: 'Image Factory (https://factory.talos.dev)',
      description: 'Virtual extension which specifies the schematic of the image built with schematic.',
      compatibility: { talos: { version: '>= 1.0.0' } },
      extraInfo: marshalSchematic(GVISOR_DRBD),
    });
    const paths: string[] = [];
    schematic?.rootfs.walk((p) => {
      paths.push(p);
      return undefined;
    });
    expect(paths).toEqual([
      '/',
      '/usr',
      '/usr/local',
      '/usr/local/share',
      '/usr/local/share/schematic',
      `/usr/local/share/schematic/${id}`,
    ]);
    expect(asset.layers[0]?.origin).toMatch(/^ghcr\.io\/siderolabs\/gvisor:20250707\.0@sha256:[0-9a-f]{64}$/);
    expectGolden('imager/golden/factory-gvisor-drbd-v1.11.2.extensions.yaml', asset.extensionsYaml ?? '');
    // what machined reads back is the metadata of every layer
    const { extraInfo: _, ...modulesDep } = asset.layers[3]?.metadata ?? { extraInfo: '' };
    expect(parse(asset.extensionsYaml ?? '').layers.at(-1)).toEqual({
      image: 'modules.dep.sqsh',
      metadata: modulesDep,
    });
    expect(parse(asset.extensionsYaml ?? '').layers[2].metadata).toEqual(schematic?.metadata);
  });

  it('resolves renamed extensions through Image Factory’s aliases, pinned by digest', () => {
    const catalog = createDefaultCatalog();
    const [gasket] = resolveOfficialExtensions(
      { customization: { systemExtensions: { officialExtensions: ['siderolabs/gasket'] } } },
      'v1.14.0-alpha.1',
      catalog,
    );
    expect(gasket).toMatch(/^ghcr\.io\/siderolabs\/gasket-driver:5815ee3-v1\.14\.0-alpha\.1@sha256:[0-9a-f]{64}$/);
  });

  it('never finds nvidia-fabricmanager through its alias (QUIRK: the alias target has an extra hyphen)', () => {
    const catalog = new ExtensionsCatalog(new ImageRegistry());
    catalog.publish('v1.11.2', [
      {
        reference: 'ghcr.io/siderolabs/nvidia-fabricmanager-lts:570.0-v1.11.2',
        image: extensionImage('nvidia-fabricmanager-lts'),
      },
    ]);
    const schematic = {
      customization: { systemExtensions: { officialExtensions: ['siderolabs/nvidia-fabricmanager'] } },
    };
    let error: unknown;
    try {
      resolveOfficialExtensions(schematic, 'v1.11.2', catalog);
    } catch (err) {
      error = err;
    }
    expect(isImagerError(error) && error.kind).toBe('official-extension-unavailable');
    expect((error as Error).message).toBe(
      'official extension "siderolabs/nvidia-fabricmanager" is not available for Talos version v1.11.2',
    );
  });

  it('serves releases from v1.2.0 (its MinTalosVersion), before the imager of their own existed', async () => {
    const catalog = createDefaultCatalog();
    const gvisor = { customization: { systemExtensions: { officialExtensions: ['siderolabs/gvisor'] } } };
    const build = (talosVersion: string) =>
      buildFactoryBootAsset({ talosVersion, schematic: gvisor, catalog, squasher: new RecordingSquasher() });
    const v12 = await build('v1.2.9');
    expect(v12.layers.map((l) => [l.name, l.metadata.name, l.squashOptions.compression.algorithm])).toEqual([
      ['0', 'gvisor', 'xz'],
      ['1', 'schematic', 'xz'],
    ]);
    const old = await build('v1.1.2').catch((e: Error) => e);
    expect(isImagerError(old) && old.detail).toEqual({
      kind: 'unsupported-version',
      version: 'v1.1.2',
      imageFactory: true,
    });
    expect((old as Error).message).toBe(
      'Image Factory serves Talos v1.2.0 or later (its MinTalosVersion); Talos v1.1.2 installs extensions from .machine.install.extensions',
    );
  });

  it('fails for a release without an extensions index', async () => {
    const err = await buildFactoryBootAsset({ talosVersion: 'v1.13.3', schematic: GVISOR_DRBD }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'error getting official extensions: image "ghcr.io/siderolabs/extensions:v1.13.3" not found: no tag "v1.13.3" in ghcr.io/siderolabs/extensions',
    );
  });
});

describe('the schematic extension', () => {
  it('is the only layer of an empty schematic; extraInfo only from v1.7; author from the factory options', async () => {
    const build = (talosVersion: string, options: { baseUrl?: string; enterprise?: boolean } = {}) =>
      buildBootAsset({ talosVersion, imageFactory: { schematic: {}, ...options }, squasher: new RecordingSquasher() });
    const v16 = await build('v1.6.8');
    expect(v16.layers.map((l) => [l.name, l.metadata.extraInfo])).toEqual([['0', '']]);
    const v17 = await build('v1.7.7', { baseUrl: 'https://factory.example.com', enterprise: true });
    expect(v17.layers[0]?.metadata).toMatchObject({
      author: 'Image Factory Enterprise (https://factory.example.com)',
      extraInfo: 'customization: {}\n',
    });
  });

  it('is written into /extensions.yaml with the go-yaml of the release (v1.14 folds at 80 columns)', async () => {
    const asset = await buildBootAsset({
      talosVersion: 'v1.14',
      imageFactory: { schematic: {} },
      extensions: [{ image: extensionImage('yes', { version: 'yes' }) }],
      squasher: new RecordingSquasher(),
    });
    expectGolden('imager/golden/factory-empty-v1.14.0-rc.1.extensions.yaml', asset.extensionsYaml ?? '');
    expect(parse(asset.extensionsYaml ?? '').layers[1].metadata.description).toBe(
      asset.layers[1]?.metadata.description,
    );
  });
});
