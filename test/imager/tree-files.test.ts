// Go-style file operations on in-memory trees, as the imager copies kernel modules and moves firmware: upstream's
// TestCopyFilesTruncatesExistingDestination, directory merges, moves, symlinks followed inside the tree, error texts.
import { describe, expect, it } from 'vitest';
import { FsTree, fileNode, symlinkNode } from '../../src/extensions/index.js';
import { copyFiles, moveFiles, TreeFileError } from '../../src/imager/index.js';

function text(tree: FsTree, path: string): string {
  const node = tree.lookup(path);
  if (node?.kind !== 'file') throw new Error(`${path} is not a file`);
  return new TextDecoder().decode(node.read());
}

describe('copyFiles', () => {
  it('truncates an existing longer destination (TestCopyFilesTruncatesExistingDestination)', () => {
    const src = new FsTree();
    const dst = new FsTree();
    src.put('/modules.softdep', fileNode('short\n'));
    dst.put('/modules.softdep', fileNode('long destination content\n'));
    copyFiles({ tree: src, path: '/modules.softdep' }, { tree: dst, path: '/modules.softdep' });
    expect(text(dst, '/modules.softdep')).toBe('short\n');
  });

  it('keeps the metadata of a file it overwrites and creates new files with the source permissions', () => {
    const src = new FsTree();
    const dst = new FsTree();
    src.put('/d/a', fileNode('new a', { mode: 0o600 }));
    src.put('/d/b', fileNode('new b', { mode: 0o4755 }));
    dst.put('/d/a', fileNode('old a, longer', { mode: 0o640, uid: 7 }));
    copyFiles({ tree: src, path: '/d' }, { tree: dst, path: '/d' });
    expect(dst.lookup('/d/a')).toMatchObject({ mode: 0o640, uid: 7, size: 5 });
    expect(text(dst, '/d/a')).toBe('new a');
    // Perm() drops setuid/setgid/sticky
    expect(dst.lookup('/d/b')).toMatchObject({ mode: 0o755, uid: 0 });
  });

  it('merges directories and writes through symlinks the destination already has', () => {
    const src = new FsTree();
    const dst = new FsTree();
    src.put('/m/kernel/x.ko', fileNode('x'));
    src.put('/m/modules.order', fileNode('kernel/x.ko\n'));
    dst.put('/m/kernel/y.ko', fileNode('y'));
    dst.put('/m/modules.order', symlinkNode('/real/order'));
    dst.put('/real/order', fileNode('kernel/y.ko\nkernel/z.ko\n'));
    copyFiles({ tree: src, path: '/m' }, { tree: dst, path: '/m' });
    expect(dst.list('/m/kernel')).toEqual(['x.ko', 'y.ko']);
    expect(dst.lookup('/m/modules.order')?.kind).toBe('symlink');
    expect(text(dst, '/real/order')).toBe('kernel/x.ko\n');
    expect(src.list('/m/kernel')).toEqual(['x.ko']);
  });

  it('copies what source symlinks point to, resolved inside the tree', () => {
    const src = new FsTree();
    const dst = new FsTree();
    src.put('/fw/a.bin', fileNode('A'));
    src.put('/fw/link.bin', symlinkNode('a.bin'));
    src.put('/fw/abs.bin', symlinkNode('/fw/a.bin'));
    copyFiles({ tree: src, path: '/fw' }, { tree: dst, path: '/fw' });
    expect(dst.lookup('/fw/link.bin')?.kind).toBe('file');
    expect(text(dst, '/fw/abs.bin')).toBe('A');
  });

  it.each([
    ['a missing source', '/missing', '/x', 'stat src/missing: no such file or directory'],
    ['a dangling symlink', '/dangling', '/x', 'stat src/dangling: no such file or directory'],
    ['a directory over a file', '/dir', '/file', 'mkdir dst/file: not a directory'],
    ['a file over a directory', '/file', '/dir', 'open dst/dir: is a directory'],
    ['a file into a missing directory', '/file', '/nowhere/file', 'open dst/nowhere/file: no such file or directory'],
    ['a symlink loop', '/loop', '/x', 'stat src/loop: too many levels of symbolic links'],
  ])('fails on %s with the PathError text', (_, from, to, message) => {
    const src = new FsTree();
    const dst = new FsTree();
    src.put('/dangling', symlinkNode('/nothing'));
    src.put('/dir/f', fileNode('f'));
    src.put('/file', fileNode('f'));
    src.put('/loop', symlinkNode('/loop'));
    dst.put('/file', fileNode('f'));
    dst.put('/dir/g', fileNode('g'));
    let error: unknown;
    try {
      copyFiles({ tree: src, path: from, label: 'src' }, { tree: dst, path: to, label: 'dst' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TreeFileError);
    expect((error as Error).message).toBe(message);
  });
});

describe('moveFiles', () => {
  it('moves a directory tree: the source directory is gone, symlinks are copied as files and unlinked', () => {
    const src = new FsTree();
    const dst = new FsTree();
    src.put('/usr/lib/firmware/amd/cpu', fileNode('cpu'));
    src.put('/usr/lib/firmware/amd/a-link', symlinkNode('cpu'));
    src.put('/usr/lib/other', fileNode('stays'));
    moveFiles({ tree: src, path: '/usr/lib/firmware' }, { tree: dst, path: '/usr/lib/firmware' });
    expect(src.lookup('/usr/lib/firmware')).toBeUndefined();
    expect(src.list('/usr/lib')).toEqual(['other']);
    expect(text(dst, '/usr/lib/firmware/amd/cpu')).toBe('cpu');
    expect(text(dst, '/usr/lib/firmware/amd/a-link')).toBe('cpu');
  });

  it('fails on a symlink whose target sorts before it and was already moved (QUIRK: as upstream does)', () => {
    const src = new FsTree();
    src.put('/fw/cpu', fileNode('cpu'));
    src.put('/fw/cpu-link', symlinkNode('cpu'));
    expect(() => moveFiles({ tree: src, path: '/fw', label: 'rootfs' }, { tree: new FsTree(), path: '/fw' })).toThrow(
      'stat rootfs/fw/cpu-link: no such file or directory',
    );
  });

  it('stops instead of recursing forever through a directory symlink loop (ELOOP past 40 links)', () => {
    const src = new FsTree();
    src.put('/fw/self', symlinkNode('/fw'));
    expect(() => moveFiles({ tree: src, path: '/fw' }, { tree: new FsTree(), path: '/fw' })).toThrow(
      /^stat \/fw(\/self){41}: too many levels of symbolic links$/,
    );
  });

  // one walk per level, no recursion, each level created below the one just made: a firmware directory this deep
  // once took minutes to move, and one as deep as PATH_MAX allows could exhaust the stack
  it('moves a tree 1000 levels deep in time proportional to its size', () => {
    const src = new FsTree();
    const deep = `/fw${'/a'.repeat(1000)}`;
    src.put(`${deep}/blob`, fileNode('deep'));
    const dst = new FsTree();
    moveFiles({ tree: src, path: '/fw' }, { tree: dst, path: '/usr/lib/firmware' });
    expect([src.lookup('/fw'), text(dst, `/usr/lib/firmware${deep.slice(3)}/blob`)]).toEqual([undefined, 'deep']);
  });

  it('stops at PATH_MAX with stat’s error, naming the path', () => {
    const src = new FsTree();
    const name = 'n'.repeat(99);
    src.put(`/fw${`/${name}`.repeat(50)}/blob`, fileNode('deep'));
    const move = () => moveFiles({ tree: src, path: '/fw', label: 'rootfs' }, { tree: new FsTree(), path: '/fw' });
    // 3 + 41 × 100 bytes: the first path of 4096 bytes or more
    expect(move).toThrow(`stat rootfs/fw${`/${name}`.repeat(41)}: file name too long`);
  });
});
