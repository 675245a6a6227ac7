// The synthetic modules.dep layer: extension modules merged over the base rootfs's module directory (truncating what
// they overwrite), depmod on ELF modules built in the test and on the seeded placeholders, the layer's manifest and
// place (last), the pre-usr-merge path, and the errors of the step.
import { describe, expect, it } from 'vitest';
import { directoryNode, FsTree, fileNode } from '../../src/extensions/index.js';
import { type BuildBootAssetOptions, buildBootAsset, isImagerError } from '../../src/imager/index.js';
import { elfModule } from '../fixtures/imager/elf-module.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';
import { MksquashfsSquasher } from '../fixtures/imager/mksquashfs-squasher.js';
import { RecordingSquasher } from '../fixtures/imager/recording-squasher.js';
import { catSquashfs, squashfsPaths } from '../fixtures/imager/unsquashfs.js';
import { itWithOracles } from '../support/oracles.js';

const K = '/usr/lib/modules/6.12.48-talos';
const ko = (...modinfo: string[]) => elfModule(['license=GPL', ...modinfo], { signed: true });

async function build(options: Partial<BuildBootAssetOptions>) {
  const lines: string[] = [];
  const asset = await buildBootAsset({
    talosVersion: 'v1.11.2',
    squasher: new RecordingSquasher(),
    onUpdate: (u) => lines.push(u.line),
    ...options,
  });
  return { asset, lines };
}

function baseRootfs(): FsTree {
  const base = new FsTree();
  base.put(`${K}/kernel/lib/libcrc32c.ko`, fileNode(ko()));
  base.put(`${K}/kernel/net/tls/tls.ko`, fileNode(ko()));
  base.put(`${K}/modules.order`, fileNode('kernel/lib/libcrc32c.ko\nkernel/net/tls/tls.ko\n'));
  base.put(`${K}/modules.builtin`, fileNode('kernel/fs/ext4/ext4.ko\n'));
  base.put(`${K}/modules.dep`, fileNode('kernel/lib/libcrc32c.ko:\nkernel/net/tls/tls.ko:\n'));
  base.put('/usr/bin/init', fileNode('init'));
  return base;
}

const drbd = () =>
  extensionImage('drbd', {
    version: '9.2.14-v1.11.2',
    constraint: '>= v1.2.0',
    rootfs: {
      [`${K}/extras/drbd.ko`]: ko('depends=libcrc32c'),
      [`${K}/extras/drbd_transport_tcp.ko`]: ko('depends=drbd,tls'),
      [`${K}/modules.order`]: 'extras/drbd.ko\n',
      [`${K}/modules.builtin`]: '',
    },
  });

function text(tree: FsTree | undefined, path: string): string {
  const node = tree?.lookup(path);
  if (node?.kind !== 'file') throw new Error(`${path} is not a file`);
  return new TextDecoder().decode(node.read());
}

describe('modules.dep layer', () => {
  itWithOracles(['mksquashfs', 'unsquashfs'])(
    'is built after validation from the merged module tree and appended last',
    async () => {
      const squasher = new MksquashfsSquasher();
      const { asset, lines } = await build({
        extensions: [{ image: extensionImage('gvisor') }, { image: drbd() }],
        baseRootfs: baseRootfs(),
        squasher,
      });
      expect(lines.slice(4, 8)).toEqual([
        'validating system extensions',
        'preparing to run depmod to generate kernel modules dependency tree',
        'running depmod to generate kernel modules dependency tree',
        'compressing system extensions',
      ]);
      const layer = asset.layers[2];
      expect(asset.layers.map((l) => l.name)).toEqual(['0', '1', 'modules.dep']);
      expect(layer).toMatchObject({
        image: 'modules.dep.sqsh',
        origin: 'depmod',
        manifest: {
          version: '6.12.48-talos',
          metadata: {
            name: 'modules.dep',
            version: '6.12.48-talos',
            author: 'Talos Machinery',
            description: 'Combined modules.dep for all extensions',
            compatibility: { talos: { version: '' } },
            extraInfo: '',
          },
        },
      });
      // the merged modules.order is the extension's (it lists drbd.ko only): the rest follows in path order, and
      // kmod's topological sort puts tls (needed by nothing else) before drbd's chain
      const dep = [
        'extras/drbd.ko: kernel/lib/libcrc32c.ko',
        'extras/drbd_transport_tcp.ko: kernel/net/tls/tls.ko extras/drbd.ko kernel/lib/libcrc32c.ko',
        'kernel/lib/libcrc32c.ko:',
        'kernel/net/tls/tls.ko:',
        '',
      ].join('\n');
      expect(text(layer?.rootfs, `${K}/modules.dep`)).toBe(dep);
      // the extension's shorter modules.order replaced the base's (truncated, as upstream's copy does)
      expect(text(layer?.rootfs, `${K}/modules.order`)).toBe('extras/drbd.ko\n');
      expect(text(layer?.rootfs, `${K}/modules.builtin`)).toBe('');
      const image = layer?.squashfs as Uint8Array;
      expect(squashfsPaths(image)).toEqual([
        '/',
        '/usr',
        '/usr/lib',
        '/usr/lib/modules',
        '/usr/lib/modules/6.12.48-talos',
        ...['alias', 'builtin', 'dep', 'order', 'softdep', 'weakdep'].map((f) => `${K}/modules.${f}`),
      ]);
      expect(catSquashfs(image, `${K}/modules.dep`)).toBe(dep);
    },
  );

  it('lists the seeded placeholder modules without dependencies (they are not ELF files)', async () => {
    const { asset } = await build({ extensions: ['ghcr.io/siderolabs/drbd:9.2.14-v1.11.2'] });
    expect(text(asset.layers.at(-1)?.rootfs, `${K}/modules.dep`)).toBe(
      'extras/drbd.ko:\nextras/drbd_transport_tcp.ko:\n',
    );
  });

  it('is absent when no extension ships kernel modules', async () => {
    const { asset, lines } = await build({ extensions: [{ image: extensionImage('gvisor') }] });
    expect(asset.layers.map((l) => l.name)).toEqual(['0']);
    expect(lines).not.toContain('running depmod to generate kernel modules dependency tree');
  });

  it('uses /lib/modules before the v1.10 usr-merge', async () => {
    const { asset } = await build({
      talosVersion: 'v1.9.6',
      extensions: [{ image: extensionImage('old', { rootfs: { '/lib/modules/6.12.25-talos/extras/x.ko': ko() } }) }],
    });
    expect(text(asset.layers.at(-1)?.rootfs, '/lib/modules/6.12.25-talos/modules.dep')).toBe('extras/x.ko:\n');
  });

  it('leaves the caller’s base rootfs as it was', async () => {
    const base = baseRootfs();
    await build({ extensions: [{ image: drbd() }], baseRootfs: base });
    expect(text(base, `${K}/modules.order`)).toBe('kernel/lib/libcrc32c.ko\nkernel/net/tls/tls.ko\n');
    expect(base.lookup(`${K}/extras`)).toBeUndefined();
  });
});

describe('modules.dep layer errors', () => {
  async function failure(options: Partial<BuildBootAssetOptions>): Promise<Error & { kind?: string }> {
    const err = await build(options).catch((e: Error) => e);
    if (!(err instanceof Error)) throw new Error('expected a failure');
    return err;
  }

  it('fails when an extension was built for another kernel', async () => {
    const err = await failure({
      extensions: [
        { image: extensionImage('a') },
        { image: extensionImage('other-kernel', { rootfs: { '/usr/lib/modules/6.12.40-talos/extras/x.ko': 'x' } }) },
      ],
    });
    expect(isImagerError(err) && err.kind).toBe('copy-kernel-modules');
    expect(err.message).toBe(
      'copying kernel modules from extensions/1/rootfs/usr/lib/modules failed: stat extensions/1/rootfs/usr/lib/modules/6.12.48-talos: no such file or directory',
    );
  });

  it('needs exactly one kernel directory in the base rootfs', async () => {
    const base = baseRootfs();
    base.put('/usr/lib/modules/6.12.40-talos', directoryNode());
    const err = await failure({ extensions: [{ image: drbd() }], baseRootfs: base });
    expect(err.message).toBe('invalid kernel modules path: modules/usr/lib/modules');
    const none = await failure({ extensions: [{ image: drbd() }], baseRootfs: new FsTree() });
    expect(none.message).toBe('open modules/usr/lib/modules: no such file or directory');
  });

  it('needs a base rootfs for a release line whose kernel talos-sim does not know', async () => {
    const err = await failure({ talosVersion: 'v1.99.0', extensions: [{ image: drbd() }] });
    expect(isImagerError(err) && err.kind).toBe('unknown-kernel');
    expect(err.message).toBe(
      'talos-sim does not know the kernel of Talos v1.99.0: pass the base rootfs (baseRootfs) to build the modules.dep layer',
    );
  });

  it('fails on dependency cycles as depmod does', async () => {
    const cyclic = extensionImage('cyclic', {
      rootfs: { [`${K}/extras/a.ko`]: ko('depends=b'), [`${K}/extras/b.ko`]: ko('depends=a') },
    });
    const err = await failure({ extensions: [{ image: cyclic }] });
    expect(err.message).toBe('error running depmod: Found 2 modules in dependency cycles!');
  });
});
