// The compression step per Talos release: mksquashfs options (zstd level 18 from v1.8, xz before, SELinux labels
// as pseudo definitions from v1.13), firmware moved out of every layer into the initramfs (at /lib/firmware before
// the v1.10 usr-merge), and CPU microcode gathered into the early cpio from v1.6.
import { describe, expect, it } from 'vitest';
import { symlinkNode } from '../../src/extensions/index.js';
import { type BuildBootAssetOptions, buildBootAsset, type ImagerUpdate } from '../../src/imager/index.js';
import { SquashfsImage } from '../../src/squashfs/index.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';
import { MksquashfsSquasher } from '../fixtures/imager/mksquashfs-squasher.js';
import { RecordingSquasher } from '../fixtures/imager/recording-squasher.js';
import { squashfsCompression, squashfsPaths } from '../fixtures/imager/unsquashfs.js';
import { itWithOracles } from '../support/oracles.js';

async function build(options: Partial<BuildBootAssetOptions>) {
  const lines: string[] = [];
  const asset = await buildBootAsset({
    talosVersion: 'v1.11.2',
    squasher: new RecordingSquasher(),
    onUpdate: (u: ImagerUpdate) => lines.push(u.line),
    ...options,
  });
  return { asset, lines };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** Checked with the real mksquashfs and unsquashfs. */
const itWithSquashfsTools = itWithOracles(['mksquashfs', 'unsquashfs']);

describe('squashing options per Talos release', () => {
  itWithSquashfsTools.each([
    ['v1.7.7', 'xz', ['-comp', 'xz', '-Xdict-size', '100%']],
    ['v1.8.0', 'zstd', ['-comp', 'zstd', '-Xcompression-level', '18']],
    ['v1.12.11', 'zstd', ['-comp', 'zstd', '-Xcompression-level', '18']],
  ])('Talos %s squashes layers with %s', async (talosVersion, compression, flags) => {
    const squasher = new MksquashfsSquasher();
    const { asset } = await build({ talosVersion, extensions: [{ image: extensionImage('a') }], squasher });
    expect(squasher.calls[0]?.args).toEqual(['SRC', 'DST', '-all-root', '-noappend', '-no-progress', ...flags]);
    expect(squashfsCompression(asset.layers[0]?.squashfs as Uint8Array)).toBe(compression);
  });

  itWithSquashfsTools(
    'passes SELinux labels as pseudo definitions from v1.13.0-rc.0, in path order, and nothing before',
    async () => {
      const image = extensionImage('labelled', {
        rootfs: { '/usr/local/bin/tool': 'tool', '/usr/local/lib/lib.so': 'lib' },
      });
      const tool = image.lookup('rootfs/usr/local/bin/tool');
      const root = image.lookup('rootfs');
      if (tool === undefined || root === undefined) throw new Error('fixture');
      tool.xattrs = { 'security.selinux': 'system_u:object_r:bin_t:s0' };
      root.xattrs = { 'security.selinux': 'system_u:object_r:root_t:s0' };
      const squasher = new MksquashfsSquasher();
      await build({ talosVersion: 'v1.13.0', extensions: [{ image }], squasher });
      await build({ talosVersion: 'v1.13.0-beta.1', extensions: [{ image }], squasher });
      expect(squasher.calls.map((c) => c.args.slice(9))).toEqual([
        [
          '-xattrs-exclude',
          '.*',
          '-p',
          '/ x security.selinux=system_u:object_r:root_t:s0',
          '-p',
          'usr/local/bin/tool x security.selinux=system_u:object_r:bin_t:s0',
        ],
        [],
      ]);
    },
  );
});

describe('the default squasher (talos-sim writer)', () => {
  it('stores only the SELinux labels from v1.13.0-rc.0 (-xattrs-exclude), every xattr before', async () => {
    const image = extensionImage('labelled', { rootfs: { '/usr/local/bin/tool': 'tool' } });
    const tool = image.lookup('rootfs/usr/local/bin/tool');
    if (tool === undefined) throw new Error('fixture');
    tool.xattrs = { 'security.selinux': 'system_u:object_r:bin_t:s0', 'user.note': 'kept before v1.13' };
    const xattrsOf = async (talosVersion: string) => {
      const asset = await buildBootAsset({ talosVersion, extensions: [{ image }] });
      const layer = await SquashfsImage.open(asset.layers[0]?.squashfs as Uint8Array);
      const names = layer.listXattrs('/usr/local/bin/tool');
      const label = new TextDecoder().decode(layer.getXattr('/usr/local/bin/tool', 'security.selinux'));
      layer.close();
      return { names, label };
    };
    expect(await xattrsOf('v1.13.0')).toEqual({
      names: ['security.selinux'],
      label: 'system_u:object_r:bin_t:s0',
    });
    expect((await xattrsOf('v1.12.0')).names.sort()).toEqual(['security.selinux', 'user.note']);
  });
});

describe('firmware', () => {
  itWithSquashfsTools(
    'moves every layer’s firmware into the initramfs, later layers overwriting earlier ones',
    async () => {
      const squasher = new MksquashfsSquasher();
      const { asset } = await build({
        squasher,
        extensions: [
          {
            image: extensionImage('fw1', {
              rootfs: { '/usr/lib/firmware/a.bin': 'a1', '/usr/lib/firmware/b.bin': 'b1' },
            }),
          },
          { image: extensionImage('fw2', { rootfs: { '/usr/lib/firmware/a.bin': 'a2', '/usr/local/bin/x': 'x' } }) },
        ],
      });
      expect(asset.firmwarePath).toBe('/usr/lib/firmware');
      expect(asset.firmware?.list('/')).toEqual(['a.bin', 'b.bin']);
      const a = asset.firmware?.lookup('a.bin');
      expect(a?.kind === 'file' && text(a.read())).toBe('a2');
      expect(asset.initramfs.list('/usr/lib/firmware')).toEqual(['a.bin', 'b.bin']);
      expect(squashfsPaths(asset.layers[0]?.squashfs as Uint8Array)).toEqual(['/', '/usr', '/usr/lib']);
      expect(squashfsPaths(asset.layers[1]?.squashfs as Uint8Array)).not.toContain('/usr/lib/firmware');
    },
  );

  it('uses /lib/firmware before the v1.10 usr-merge and leaves /usr/lib/firmware alone there', async () => {
    const { asset } = await build({
      talosVersion: 'v1.9.6',
      extensions: [
        { image: extensionImage('old', { rootfs: { '/lib/firmware/x.bin': 'x', '/usr/lib/firmware/y.bin': 'y' } }) },
      ],
    });
    expect(asset.firmwarePath).toBe('/lib/firmware');
    expect(asset.firmware?.list('/')).toEqual(['x.bin']);
    expect(asset.layers[0]?.rootfs.lookup('/usr/lib/firmware/y.bin')?.kind).toBe('file');
  });

  it('has no firmware tree when no layer ships firmware', async () => {
    const { asset } = await build({ extensions: [{ image: extensionImage('plain') }] });
    expect(asset.firmware).toBeUndefined();
    expect(asset.initramfs.list('/')).toEqual(['0.sqsh', 'extensions.yaml']);
  });
});

describe('CPU microcode', () => {
  it('concatenates intel-ucode/* and amd-ucode/microcode_amd*.bin across layers into the early cpio (v1.6+)', async () => {
    const intel = { '/usr/lib/firmware/intel-ucode/06-8e-09': 'I1|', '/usr/lib/firmware/intel-ucode/06-9e-0a': 'I2|' };
    const amd = {
      '/usr/lib/firmware/amd-ucode/microcode_amd_fam17h.bin': 'A2|',
      '/usr/lib/firmware/amd-ucode/microcode_amd.bin': 'A1|',
      '/usr/lib/firmware/amd-ucode/README': 'stays firmware',
    };
    const { asset, lines } = await build({
      extensions: [
        { image: extensionImage('amd', { rootfs: amd }) },
        { image: extensionImage('intel', { rootfs: intel }) },
        { image: extensionImage('more-intel', { rootfs: { '/usr/lib/firmware/intel-ucode/06-a5-02': 'I3|' } }) },
      ],
    });
    expect(asset.microcode.map((m) => [m.path, text(m.bytes)])).toEqual([
      ['kernel/x86/microcode/AuthenticAMD.bin', 'A1|A2|'],
      ['kernel/x86/microcode/GenuineIntel.bin', 'I1|I2|I3|'],
    ]);
    const early = asset.earlyInitramfs?.lookup('kernel/x86/microcode/GenuineIntel.bin');
    expect(early?.kind === 'file' && text(early.read())).toBe('I1|I2|I3|');
    expect(asset.firmware?.list('/amd-ucode')).toEqual(['README']);
    expect(asset.firmware?.list('/intel-ucode')).toEqual([]);
    expect(lines.slice(-3, -1)).toEqual([
      'creating uncompressed initramfs archive',
      'creating system extensions initramfs archive and compressing it',
    ]);
  });

  it('follows microcode symlinks inside the layer', async () => {
    const image = extensionImage('linked', { rootfs: { '/usr/lib/firmware/blobs/x': 'X|' } });
    image.put('rootfs/usr/lib/firmware/intel-ucode/06-00-00', symlinkNode('../blobs/x'));
    const { asset } = await build({ extensions: [{ image }] });
    expect(asset.microcode.map((m) => text(m.bytes))).toEqual(['X|']);
    expect(asset.firmware?.lookup('blobs/x')?.kind).toBe('file');
  });

  it('fails with upstream’s wrapping when a microcode entry is a directory', async () => {
    const image = extensionImage('dir', { rootfs: { '/usr/lib/firmware/intel-ucode/sub/x': 'x' } });
    const err = await build({ extensions: [{ image }] }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'error compressing extension "dir": read extensions/0/rootfs/usr/lib/firmware/intel-ucode/sub: is a directory',
    );
  });

  it('leaves microcode in the firmware before v1.6', async () => {
    const { asset, lines } = await build({
      talosVersion: 'v1.5.6',
      extensions: [{ image: extensionImage('old', { rootfs: { '/lib/firmware/intel-ucode/06-8e-09': 'I' } }) }],
    });
    expect(asset.microcode).toEqual([]);
    expect(asset.earlyInitramfs).toBeUndefined();
    expect(asset.firmware?.list('/intel-ucode')).toEqual(['06-8e-09']);
    expect(lines).not.toContain('creating uncompressed initramfs archive');
  });
});

describe('the layer a node mounts', () => {
  it('keeps the rootfs as squashed next to its image and options', async () => {
    const { asset } = await build({ extensions: [{ image: extensionImage('x') }] });
    const [layer] = asset.layers;
    expect(layer?.rootfs.list('/usr/local/share')).toEqual(['x']);
    expect(layer?.squashOptions).toEqual({
      compression: { algorithm: 'zstd', level: 18 },
      allRoot: true,
      noAppend: true,
      selinuxLabels: undefined,
    });
    expect(asset.initramfs.lookup('0.sqsh')).toMatchObject({ kind: 'file', size: layer?.squashfs.length });
  });
});
