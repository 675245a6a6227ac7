// talos-sim's depmod over a kernel module directory: kmod's output order and dependency sorting on ELF modules
// built in the test, modules without modinfo, the extras-over-built-in priority and its quirk, modules.order
// handling, compressed modules, cycles, and the alias/softdep/weakdep listings.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FsTree, fileNode, symlinkNode } from '../../src/extensions/index.js';
import { DepmodError, depmod } from '../../src/imager/index.js';
import { elfModule } from '../fixtures/imager/elf-module.js';

const DIR = '/usr/lib/modules/6.12.48-talos';

function modules(files: Record<string, Uint8Array | string>): FsTree {
  const tree = new FsTree();
  for (const [path, content] of Object.entries(files)) tree.put(`${DIR}/${path}`, fileNode(content));
  return tree;
}

function run(tree: FsTree): Map<string, string> {
  return new Map(depmod({ tree, path: DIR }).files);
}

const ko = (...modinfo: string[]) => elfModule(['license=GPL', ...modinfo], { signed: true });

describe('depmod', () => {
  it('lists every transitive dependency in kmod order: modules.order first, leaves last', () => {
    const tree = modules({
      'modules.order':
        'kernel/sound/soundcore.ko\nkernel/sound/core/snd.ko\nkernel/sound/core/snd-timer.ko\nkernel/sound/core/snd-pcm.ko\n',
      'kernel/sound/soundcore.ko': ko(),
      'kernel/sound/core/snd.ko': ko('depends=soundcore'),
      'kernel/sound/core/snd-timer.ko': ko('depends=snd'),
      'kernel/sound/core/snd-pcm.ko': ko('depends=snd-timer,snd'),
      'extras/drbd.ko': ko('depends=libcrc32c'),
      'extras/drbd_transport_tcp.ko': ko('depends=drbd'),
    });
    expect(run(tree).get('modules.dep')).toBe(
      [
        'kernel/sound/soundcore.ko:',
        'kernel/sound/core/snd.ko: kernel/sound/soundcore.ko',
        'kernel/sound/core/snd-timer.ko: kernel/sound/core/snd.ko kernel/sound/soundcore.ko',
        'kernel/sound/core/snd-pcm.ko: kernel/sound/core/snd-timer.ko kernel/sound/core/snd.ko kernel/sound/soundcore.ko',
        'extras/drbd.ko:',
        'extras/drbd_transport_tcp.ko: extras/drbd.ko',
        '',
      ].join('\n'),
    );
    expect(depmod({ tree, path: DIR }).modules.map((m) => [m.name, m.depends])).toEqual([
      ['soundcore', []],
      ['snd', ['soundcore']],
      ['snd_timer', ['snd']],
      ['snd_pcm', ['snd_timer', 'snd']],
      ['drbd', []],
      ['drbd_transport_tcp', ['drbd']],
    ]);
  });

  it('gives modules that are not ELF files no dependencies (the seeded placeholders)', () => {
    const tree = modules({
      'modules.order': 'extras/drbd.ko\nextras/drbd_transport_tcp.ko\n',
      'extras/drbd.ko': 'talos-sim placeholder for drbd.ko\n',
      'extras/drbd_transport_tcp.ko': 'talos-sim placeholder for drbd_transport_tcp.ko\n',
    });
    expect(run(tree).get('modules.dep')).toBe('extras/drbd.ko:\nextras/drbd_transport_tcp.ko:\n');
  });

  it('prefers extras/ over built-in modules of the same name, keeps the first built-in, the last extras/ one', () => {
    const tree = modules({
      'kernel/drivers/a/foo.ko': ko(),
      'extras/foo.ko': ko(),
      'kernel/drivers/a/bar.ko': ko(),
      'kernel/drivers/b/bar.ko': ko(),
      'extras/x/baz.ko': ko(),
      'extras/y/baz.ko': ko(),
      'extras/qux.ko': ko(),
      'kernel/qux.ko': ko(),
    });
    expect(run(tree).get('modules.dep')).toBe(
      'extras/foo.ko:\nextras/qux.ko:\nextras/y/baz.ko:\nkernel/drivers/a/bar.ko:\n',
    );
  });

  it('does not sort by a modules.order whose last line lacks its newline (kmod reports it corrupt)', () => {
    const files = { 'kernel/b.ko': ko(), 'kernel/a.ko': ko() };
    expect(run(modules({ ...files, 'modules.order': 'kernel/b.ko\nkernel/a.ko\n' })).get('modules.dep')).toBe(
      'kernel/b.ko:\nkernel/a.ko:\n',
    );
    expect(run(modules({ ...files, 'modules.order': 'kernel/b.ko\nkernel/a.ko' })).get('modules.dep')).toBe(
      'kernel/a.ko:\nkernel/b.ko:\n',
    );
  });

  it('reads gzip-compressed modules, lists xz/zstd ones without dependencies, skips build/ and source/', () => {
    const tree = modules({
      'kernel/a.ko.gz': gzipSync(ko('depends=b')),
      'kernel/b.ko.xz': 'xz data',
      'kernel/c.ko.zst': 'zstd data',
      'build/ignored.ko': ko(),
      'source/ignored.ko': ko(),
      'kernel/readme.txt': 'not a module',
      'modules.order': 'kernel/b.ko\nkernel/a.ko\n',
    });
    tree.put(`${DIR}/kernel/link.ko`, symlinkNode('a.ko.gz'));
    tree.put(`${DIR}/kernel/dangling.ko`, symlinkNode('nowhere.ko'));
    expect(run(tree).get('modules.dep')).toBe(
      'kernel/b.ko.xz:\nkernel/a.ko.gz: kernel/b.ko.xz\nkernel/c.ko.zst:\nkernel/link.ko:\n',
    );
  });

  it('writes aliases, soft and weak dependencies in module order', () => {
    const tree = modules({
      'modules.order': 'kernel/b.ko\nkernel/a.ko\n',
      'kernel/a.ko': ko('alias=pci:v00008086d*', 'softdep=pre: crc32c', 'alias=fs-a'),
      'kernel/b-mod.ko': ko('weakdep=a'),
      'kernel/b.ko': ko('alias=usb:v1234p*'),
    });
    const files = run(tree);
    expect(files.get('modules.alias')).toBe(
      '# Aliases extracted from modules themselves.\nalias usb:v1234p* b\nalias pci:v00008086d* a\nalias fs-a a\n',
    );
    expect(files.get('modules.softdep')).toBe(
      '# Soft dependencies extracted from modules themselves.\nsoftdep a pre: crc32c\n',
    );
    expect(files.get('modules.weakdep')).toBe(
      '# Weak dependencies extracted from modules themselves.\nweakdep b_mod a\n',
    );
  });

  it('fails on dependency cycles', () => {
    const tree = modules({ 'kernel/a.ko': ko('depends=b'), 'kernel/b.ko': ko('depends=a'), 'kernel/c.ko': ko() });
    expect(() => run(tree)).toThrow(DepmodError);
    expect(() => run(tree)).toThrow('Found 2 modules in dependency cycles!');
  });
});
