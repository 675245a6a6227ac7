// Bad options and trees the writer cannot store end in a typed SquashfsWriteError with a
// message naming the option or the path, before any image is written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryNode, fileNode, lazyFileNode, symlinkNode } from '../../../src/extensions/fs-tree.js';
import {
  buildSquashfs,
  isSquashfsWriteError,
  type SquashfsSourceDirectory,
  type SquashfsSourceNode,
  type SquashfsWriteOptions,
  writeSquashfs,
} from '../../../src/squashfs/index.js';

function tree(entries: Record<string, SquashfsSourceNode>): SquashfsSourceDirectory {
  return { ...directoryNode(), entries: new Map(Object.entries(entries)) };
}

async function failure(root: SquashfsSourceDirectory, options?: SquashfsWriteOptions): Promise<unknown> {
  return buildSquashfs(root, options).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('invalid options', () => {
  it.each<[SquashfsWriteOptions, string]>([
    [{ compressor: 'lz4' as 'gzip' }, 'invalid option compressor: "lz4" is not one of gzip, xz, zstd, none'],
    [{ blockSize: 3000 }, 'invalid option blockSize: 3000 is not a power of two from 4096 to 1048576'],
    [{ blockSize: 2 << 20 }, 'invalid option blockSize: 2097152 is not a power of two from 4096 to 1048576'],
    [{ compressor: 'zstd', level: 23 }, 'invalid option level: zstd level 23 is outside 1..22'],
    [{ compressor: 'gzip', level: 0 }, 'invalid option level: gzip level 0 is outside 1..9'],
    [{ compressor: 'xz', level: 6 }, 'invalid option level: xz takes no compression level'],
    [
      { compressor: 'zstd', gzipWindowSize: 12 },
      'invalid option gzipWindowSize: only gzip has a window size, not zstd',
    ],
    [
      { compressor: 'xz', xzDictSize: 65536 },
      'invalid option xzDictSize: 65536: only a dictionary of the block size (131072, -Xdict-size 100%) is supported',
    ],
    [{ mkfsTime: -1 }, 'invalid option mkfsTime: -1 is not a time in seconds from 0 to 4294967295'],
    [{ workers: 1.5 }, 'invalid option workers: 1.5 is not a whole number from 0 to 256'],
    [{ workers: 100_000 }, 'invalid option workers: 100000 is not a whole number from 0 to 256'],
  ])('%o is refused', async (options, message) => {
    const err = await failure(tree({}), options);
    expect(isSquashfsWriteError(err, 'invalid-option')).toBe(true);
    expect(err).toMatchObject({ message });
  });
});

describe('trees that cannot be stored', () => {
  it.each<[string, SquashfsSourceDirectory, string]>([
    ['a name with a slash', tree({ 'a/b': fileNode('x') }), '/a/b: "a/b" is not a valid file name'],
    ['a dot-dot name', tree({ '..': fileNode('x') }), '/..: ".." is not a valid file name'],
    [
      'a name too long',
      tree({ ['n'.repeat(257)]: fileNode('x') }),
      `/${'n'.repeat(257)}: name of 257 bytes is longer than 256`,
    ],
    [
      'an empty symlink',
      tree({ l: symlinkNode('') }),
      '/l: symlink target is empty, holds NUL or is longer than 65535 bytes',
    ],
    [
      'a device major beyond 12 bits',
      tree({ d: { kind: 'char-device', major: 4096, minor: 0, mode: 0o600, uid: 0, gid: 0, mtime: 0 } }),
      '/d: device major 4096 is outside 0..4095',
    ],
    [
      'a negative uid',
      tree({ f: fileNode('x', { uid: -1 }) }),
      '/f: uid -1 is not a whole number from 0 to 4294967295',
    ],
  ])('refuses %s', async (_, root, message) => {
    const err = await failure(root);
    expect(isSquashfsWriteError(err, 'invalid-source')).toBe(true);
    expect(err).toMatchObject({ message });
  });

  it('refuses a directory reached twice', async () => {
    const shared = directoryNode();
    const err = await failure(tree({ a: shared, b: shared }));
    expect(err).toMatchObject({
      kind: 'invalid-source',
      message: '/b: directory is reached twice (a cycle or a hard-linked directory)',
    });
  });

  it('refuses a file whose contents do not match its size', async () => {
    const err = await failure(tree({ f: lazyFileNode(10, () => new Uint8Array(4)) }));
    expect(err).toMatchObject({ kind: 'source-read', message: '/f: cannot read: size is 4 bytes, 10 expected' });
  });

  it('leaves no image file behind when writing fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-squashfs-fail-'));
    const out = join(dir, 'x.sqsh');
    const err = await writeSquashfs(tree({ f: lazyFileNode(10, () => new Uint8Array(4)) }), out).catch(
      (e: unknown) => e,
    );
    expect(isSquashfsWriteError(err, 'source-read')).toBe(true);
    expect(existsSync(out)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
