// The imager's initramfs step through buildBootAsset: upstream's TestCompress on its own testdata, the progress lines
// of spec §3.1, the `0`, `1`, … layer names with the string order past 10 extensions, constraint-only validation
// against the target version's core, and every error text of the step.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isImageSourceError, isTalosVersionError } from '../../src/extensions/index.js';
import {
  type BuildBootAssetOptions,
  buildBootAsset,
  type ImagerUpdate,
  isImagerError,
} from '../../src/imager/index.js';
import { SquashfsImage } from '../../src/squashfs/index.js';
import { OciBuilder } from '../extensions/image/oci-builder.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';
import { MksquashfsSquasher } from '../fixtures/imager/mksquashfs-squasher.js';
import { RecordingSquasher } from '../fixtures/imager/recording-squasher.js';
import { listSquashfs, squashfsPaths } from '../fixtures/imager/unsquashfs.js';
import { itWithOracles } from '../support/oracles.js';

const EXTENSION1 = fileURLToPath(new URL('../fixtures/extensions/upstream/good/extension1', import.meta.url));
const oci = new OciBuilder();
afterAll(() => oci.dispose());

async function build(options: Partial<BuildBootAssetOptions>) {
  const updates: ImagerUpdate[] = [];
  const asset = await buildBootAsset({
    talosVersion: 'v1.11.2',
    squasher: new RecordingSquasher(),
    onUpdate: (u) => updates.push(u),
    ...options,
  });
  return { asset, updates, lines: updates.map((u) => u.line) };
}

async function failure(options: Partial<BuildBootAssetOptions>): Promise<Error & { kind?: string }> {
  try {
    await build(options);
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected the build to fail');
}

/** Checked with the real mksquashfs and unsquashfs. */
const itWithSquashfsTools = itWithOracles(['mksquashfs', 'unsquashfs']);

describe('buildBootAsset: upstream TestCompress', () => {
  itWithSquashfsTools('squashes extension1 into 0.sqsh and moves its firmware into the initramfs', async () => {
    const squasher = new MksquashfsSquasher();
    const { asset } = await build({
      talosVersion: 'v1.13.9',
      extensions: [{ source: { kind: 'directory', path: EXTENSION1 } }],
      squasher,
    });
    const [layer] = asset.layers;
    expect(layer?.image).toBe('0.sqsh');
    expect(asset.initramfs.lookup('0.sqsh')?.kind).toBe('file');
    expect(asset.initramfs.lookup('usr/lib/firmware/amd/cpu')?.kind).toBe('file');
    expect(asset.firmware?.lookup('amd/cpu')?.kind).toBe('file');
    expect(listSquashfs(layer?.squashfs as Uint8Array)).toEqual([
      'drwxr-xr-x 0/0 /',
      'drwxr-xr-x 0/0 /usr',
      'drwxr-xr-x 0/0 /usr/lib',
      '-rw-r--r-- 0/0 /usr/lib/ld-linux-x86-64.so.2',
      'drwxr-xr-x 0/0 /usr/local',
      'drwxr-xr-x 0/0 /usr/local/lib',
      '-rw-r--r-- 0/0 /usr/local/lib/a.so',
      'lrwxrwxrwx 0/0 /usr/local/lib/a.so.1 -> a.so',
    ]);
    expect(squasher.calls.map((c) => c.args)).toEqual([
      // the v1.13 imager passes SELinux labels as pseudo definitions and excludes every other xattr
      [
        ...['SRC', 'DST', '-all-root', '-noappend', '-no-progress'],
        ...['-comp', 'zstd', '-Xcompression-level', '18', '-xattrs-exclude', '.*'],
      ],
    ]);
  });
});

describe('buildBootAsset: progress', () => {
  it('reports the §3.1 lines in order, each under the rebuilding header, then initramfs ready', async () => {
    const { updates } = await build({
      extensions: [
        { image: extensionImage('alpha', { version: '20250707.0' }), label: 'alpha' },
        { image: extensionImage('beta', { author: 'Someone Else' }), label: 'beta' },
      ],
    });
    expect(updates.map((u) => [u.status, u.message])).toEqual([
      ...[
        'discovered system extensions:',
        'NAME    VERSION      AUTHOR',
        'alpha   20250707.0   Sidero Labs',
        'beta    1.0.0        Someone Else',
        'validating system extensions',
        'compressing system extensions',
        'creating system extensions initramfs archive and compressing it',
      ].map((line) => ['running', `rebuilding initramfs with system extensions...\n\t${line}`]),
      ['succeeded', 'initramfs ready'],
    ]);
  });

  it('names what it pulls, extracts or reads from an OCI layout (picking the arch from an index)', async () => {
    const manifest = 'version: v1alpha1\nmetadata:\n  name: tarred\n  version: "1"\n  author: me\n';
    const layer = oci.layer({ 'manifest.yaml': manifest, 'rootfs/usr/local/bin/tool': 'tool' });
    const layout = oci.ociLayout([{ layers: [layer], platforms: ['linux/amd64', 'linux/arm64'] }]);
    const archive = oci.file('flat.tar', layer);
    const { asset, lines } = await build({
      arch: 'arm64',
      extensions: [
        'ghcr.io/siderolabs/gvisor:20250707.0',
        { source: { kind: 'oci-layout', path: layout }, label: 'layout' },
        { source: { kind: 'archive', path: archive }, label: 'flat.tar' },
      ],
    });
    expect(lines.slice(0, 3)).toEqual([
      'pulling ghcr.io/siderolabs/gvisor:20250707.0...',
      'using OCI image from layout...',
      'extracting flat.tar...',
    ]);
    expect(asset.arch).toBe('arm64');
    expect(asset.layers.map((l) => [l.origin, l.metadata.name])).toEqual([
      ['ghcr.io/siderolabs/gvisor:20250707.0', 'gvisor'],
      ['layout', 'tarred'],
      ['flat.tar', 'tarred'],
    ]);
  });

  it('skips the initramfs rebuild without extensions, for any kind', async () => {
    const { asset, updates } = await build({ kind: 'iso' });
    expect(updates).toEqual([
      {
        status: 'skip',
        message: 'skipped initramfs rebuild (no system extensions)',
        line: 'skipped initramfs rebuild (no system extensions)',
      },
    ]);
    expect(asset).toMatchObject({ kind: 'iso', layers: [], extensionsYaml: undefined, firmware: undefined });
    expect(asset.initramfs.list('/')).toEqual([]);
  });
});

describe('buildBootAsset: layers', () => {
  it('names layers 0, 1, … and orders them as strings past 10 extensions (0, 1, 10, 2, …)', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `ext-${String(i).padStart(2, '0')}`);
    const { asset, lines } = await build({
      extensions: names.map((n) => ({ image: extensionImage(n), label: n })),
    });
    const order = ['0', '1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9'];
    expect(asset.layers.map((l) => l.name)).toEqual(order);
    expect(asset.layers.map((l) => l.metadata.name)).toEqual(order.map((i) => `ext-${i.padStart(2, '0')}`));
    expect(asset.layers.map((l) => l.origin)).toEqual(order.map((i) => `ext-${i.padStart(2, '0')}`));
    expect(lines.slice(2, 5)).toEqual([
      'ext-00   1.0.0     Sidero Labs',
      'ext-01   1.0.0     Sidero Labs',
      'ext-10   1.0.0     Sidero Labs',
    ]);
    expect([...(asset.extensionsYaml ?? '').matchAll(/image: (\S+)/g)].map((m) => m[1])).toEqual(
      order.map((i) => `${i}.sqsh`),
    );
    expect(asset.initramfs.list('/')).toEqual([
      '0.sqsh',
      '1.sqsh',
      '10.sqsh',
      '11.sqsh',
      ...order.slice(4).map((i) => `${i}.sqsh`),
      'extensions.yaml',
    ]);
  });

  it('does not change the caller image trees', async () => {
    const image = extensionImage('fw', { rootfs: { '/usr/lib/firmware/x.bin': 'x' } });
    await build({ extensions: [{ image }] });
    expect(image.lookup('rootfs/usr/lib/firmware/x.bin')?.kind).toBe('file');
  });

  it('does not check contents: a kernel in the rootfs is squashed as it is', async () => {
    const squasher = new RecordingSquasher();
    await build({ extensions: [{ image: extensionImage('boot', { rootfs: { '/boot/vmlinuz': 'k' } }) }], squasher });
    expect(squasher.calls[0]?.paths).toContain('/boot/vmlinuz');
  });
});

describe('buildBootAsset: validation against the target version', () => {
  it.each([
    ['v1.11.2', '>= v1.12.0', "version constraint >= v1.12.0 can't be satisfied with Talos version 1.11.2"],
    ['v1.10.0-beta.1', '< v1.10.0', "version constraint < v1.10.0 can't be satisfied with Talos version 1.10.0"],
    [
      'v1.11.2',
      '>= 1.0',
      'error parsing Talos version constraint: Could not parse Range ">=1.0": Could not parse version "1.0" in ">=1.0": No Major.Minor.Patch elements found',
    ],
    [
      'v1.11.2',
      '~> 1.0.0',
      'error parsing Talos version constraint: Could not parse Range "~>1.0.0": Could not parse comparator "~>" in "~>1.0.0"',
    ],
  ])('Talos %s, constraint %j: error validating extension "old": …', async (talosVersion, constraint, cause) => {
    const err = await failure({
      talosVersion,
      extensions: [{ image: extensionImage('ok') }, { image: extensionImage('old', { constraint }) }],
    });
    expect(isImagerError(err) && err.kind).toBe('validate');
    expect(err.message).toBe(`error validating extension "old": ${cause}`);
  });

  it('accepts a pre-release of the version a constraint names (its core satisfies it)', async () => {
    const { asset } = await build({
      talosVersion: 'v1.10.0-beta.1',
      extensions: [{ image: extensionImage('new', { constraint: '>= v1.10.0' }) }],
    });
    expect(asset.layers.map((l) => l.metadata.name)).toEqual(['new']);
  });
});

describe('buildBootAsset: errors', () => {
  it.each([
    [
      'an image without a manifest',
      [
        extensionImage('a'),
        (() => {
          const t = extensionImage('b');
          t.remove('manifest.yaml');
          return t;
        })(),
      ],
      'error listing extensions: error loading extension 1: extension manifest is missing',
    ],
    [
      'an image with an unexpected file',
      [
        (() => {
          const t = extensionImage('a');
          t.put('README', extensionImage('x').lookup('manifest.yaml') as never);
          return t;
        })(),
      ],
      'error listing extensions: error loading extension 0: unexpected file "README"',
    ],
  ])('lists the checkout with upstream texts: %s', async (_, images, message) => {
    const err = await failure({ extensions: images.map((image) => ({ image })) });
    expect(isImagerError(err) && err.kind).toBe('list');
    expect(err.message).toBe(message);
  });

  it('fails pulling an unknown reference', async () => {
    const err = await failure({ extensions: ['ghcr.io/siderolabs/nope:1.0'] });
    expect(err.message).toBe(
      'error pulling image ghcr.io/siderolabs/nope:1.0: image "ghcr.io/siderolabs/nope:1.0" not found: repository ghcr.io/siderolabs/nope does not exist',
    );
  });

  it('passes on what an unreadable image source says', async () => {
    const garbage = oci.file('garbage.tar', new TextEncoder().encode('not a tarball at all'));
    const err = await failure({ extensions: [{ source: { kind: 'archive', path: garbage } }] });
    expect(isImagerError(err) && err.kind).toBe('extract');
    expect(err.message).toBe((err.cause as Error).message);
    expect(isImageSourceError(err.cause)).toBe(true);
  });

  it('refuses boot assets with extensions before Talos v1.5.0', async () => {
    const err = await failure({ talosVersion: 'v1.4.8', extensions: [{ image: extensionImage('a') }] });
    expect(isImagerError(err) && err.kind).toBe('unsupported-version');
    expect(err.message).toBe(
      'boot assets with system extensions need Talos v1.5.0 or later (the imager first shipped in v1.5.0); Talos v1.4.8 installs extensions from .machine.install.extensions',
    );
  });

  it('reports a squasher failure as error compressing extension', async () => {
    const broken = { squash: () => Promise.reject(new Error('exit status 1')) };
    expect((await failure({ squasher: broken, extensions: [{ image: extensionImage('b') }] })).message).toBe(
      'error compressing extension "b": exit status 1',
    );
  });

  it('squashes with the TypeScript writer by default: zstd level 18 images the Talos kernel mounts', async () => {
    const asset = await buildBootAsset({ talosVersion: 'v1.11.2', extensions: [{ image: extensionImage('a') }] });
    const [layer] = asset.layers;
    const image = await SquashfsImage.open(layer?.squashfs as Uint8Array, { compressors: 'talos-kernel' });
    expect(image.compressor.name).toBe('zstd');
    expect(new TextDecoder().decode(image.readFile('/usr/local/share/a/README'))).toBe('a\n');
    expect(image.lstat('/usr/local/share/a/README')).toMatchObject({ uid: 0, gid: 0 });
    image.close();
  });

  it('rejects a Talos version it cannot parse with the typed version error', async () => {
    const err = await failure({ talosVersion: 'latest' });
    expect(isTalosVersionError(err)).toBe(true);
  });

  itWithSquashfsTools('lists only the squashed rootfs of real images (mksquashfs check of two layers)', async () => {
    const { asset } = await build({
      extensions: ['ghcr.io/siderolabs/gvisor:20250707.0', 'ghcr.io/siderolabs/hello-world-service:v1.0.0'],
      squasher: new MksquashfsSquasher(),
    });
    expect(squashfsPaths(asset.layers[1]?.squashfs as Uint8Array)).toContain(
      '/usr/local/etc/containers/hello-world.yaml',
    );
  });
});
