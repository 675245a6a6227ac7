// The same tree from every kind of source, to every kind of output, with or without worker
// threads, gives the same bytes; and the blocks are in the forms the Linux kernel decodes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Volume } from 'memfs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryNode, FsTree, fileNode, symlinkNode } from '../../../src/extensions/fs-tree.js';
import {
  buildSquashfs,
  type DirectoryTreeFs,
  readDirectoryTree,
  SquashfsImage,
  type SquashfsSourceDirectory,
  squashLayer,
  TALOS_LAYER_OPTIONS,
  writeSquashfs,
} from '../../../src/squashfs/index.js';
import { describeWithOracles } from '../../support/oracles.js';
import { describeWithFixtures } from '../fixtures.js';
import { FIXTURE_IMAGES, fixtureSource, T0 } from './fixture-trees.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sim-squashfs-sources-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const comp = FIXTURE_IMAGES.find((f) => f.name === 'comp-zstd');
if (comp === undefined) throw new Error('comp-zstd missing from the fixture list');

/** A small tree with something of everything, in memory. */
function memoryTree(): FsTree {
  const tree = new FsTree(directoryNode({ mtime: T0 }));
  const text = 'kernel module firmware '.repeat(400);
  tree.put('/etc/hello.txt', fileNode('hello squashfs\n', { mtime: T0, uid: 1000, gid: 1000 }));
  tree.put('/usr/lib/big.bin', fileNode(text.repeat(40), { mtime: T0 }));
  tree.put('/usr/lib/copy.bin', fileNode(text.repeat(40), { mtime: T0 }));
  tree.put('/usr/lib/zeros', fileNode(new Uint8Array(300_000), { mtime: T0 }));
  tree.put('/usr/lib/link', symlinkNode('big.bin', { mtime: T0 }));
  const shared = fileNode('one inode, two names\n', { mtime: T0 });
  tree.put('/a/hard', shared);
  tree.put('/b/hard', shared);
  const root = tree.lookup('/usr') as { xattrs?: Record<string, string> };
  root.xattrs = { 'security.selinux': 'system_u:object_r:usr_t:s0', 'user.big': 'v'.repeat(300) };
  return tree;
}

describeWithOracles(['unsquashfs'])('sources', () => {
  it('reads the same tree from disk and from a memfs volume', async () => {
    const vol = new Volume();
    vol.mkdirSync('/t/etc', { recursive: true });
    vol.writeFileSync('/t/etc/hello.txt', 'hello\n');
    vol.writeFileSync('/t/big', Buffer.alloc(200_000, 7));
    vol.symlinkSync('etc/hello.txt', '/t/link');
    vol.linkSync('/t/big', '/t/big-link');
    for (const [p, mode] of [
      ['/t/etc/hello.txt', 0o644],
      ['/t/big', 0o644],
      ['/t/etc', 0o755],
      ['/t', 0o755],
    ] as const) {
      vol.chmodSync(p, mode);
      vol.utimesSync(p, T0, T0);
    }
    vol.lchmodSync('/t/link', 0o777); // memfs creates symlinks 0666, Linux 0777
    vol.lutimesSync('/t/link', T0, T0);
    const fromMemfs = await buildSquashfs(readDirectoryTree('/t', { fs: vol as unknown as DirectoryTreeFs }), {
      compressor: 'gzip',
      allRoot: true,
    });
    const disk = join(scratch, 'same');
    execFileSync('sh', [
      '-c',
      `mkdir -p ${disk}/etc && printf 'hello\\n' > ${disk}/etc/hello.txt && head -c 200000 /dev/zero | tr '\\0' '\\7' > ${disk}/big && ln -s etc/hello.txt ${disk}/link && ln ${disk}/big ${disk}/big-link && chmod 644 ${disk}/etc/hello.txt ${disk}/big && chmod 755 ${disk}/etc ${disk} && touch -h -d @${T0} ${disk}/etc/hello.txt ${disk}/big ${disk}/etc ${disk} ${disk}/link`,
    ]);
    const fromDisk = await buildSquashfs(readDirectoryTree(disk), { compressor: 'gzip', allRoot: true });
    const list = (image: Uint8Array, name: string): string => {
      const path = join(scratch, name);
      writeFileSync(path, image);
      return execFileSync('unsquashfs', ['-lln', path], { encoding: 'utf8' }).replaceAll(path, '');
    };
    expect(list(fromMemfs.image, 'memfs.sqsh')).toBe(list(fromDisk.image, 'disk.sqsh'));
    expect(Buffer.from(fromMemfs.image).equals(Buffer.from(fromDisk.image))).toBe(true);
    expect(fromDisk.summary).toMatchObject({ inodes: 5, duplicateFiles: 0 });
  });

  it('takes an FsTree as it is: hard links, xattrs, duplicates and sparse blocks included', async () => {
    const { image, summary } = await buildSquashfs(memoryTree().root, { compressor: 'zstd' });
    expect(summary).toMatchObject({ duplicateFiles: 1, mkfsTime: T0 });
    const reader = await SquashfsImage.open(image);
    try {
      expect(reader.lstat('/a/hard')).toMatchObject({ nlink: 2, ino: reader.lstat('/b/hard').ino });
      expect(reader.lstat('/etc/hello.txt')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o100644, mtime: T0 });
      expect(Buffer.from(reader.getXattr('/usr', 'security.selinux') ?? []).toString()).toBe(
        'system_u:object_r:usr_t:s0',
      );
      expect(Buffer.from(reader.readFile('/usr/lib/copy.bin')).toString()).toBe(
        'kernel module firmware '.repeat(16000),
      );
      expect(Buffer.from(reader.readFile('/usr/lib/zeros')).equals(Buffer.alloc(300_000))).toBe(true);
      expect(reader.lstat('/usr/lib/zeros').blocks).toBe(Math.ceil(300_000 / 512));
      expect(reader.readlink('/usr/lib/link')).toBe('big.bin');
    } finally {
      reader.close();
    }
  });
});

describeWithFixtures('outputs', () => {
  it('writes the same bytes to a file, to a stream and to memory, with and without workers, every time', async () => {
    const file = join(scratch, 'out.sqsh');
    const options = { mkfsTime: T0, ...comp.options };
    await writeSquashfs(fixtureSource(comp), file, { ...options, workers: 0 });
    const fileBytes = readFileSync(file);
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await writeSquashfs(fixtureSource(comp), stream, { ...options, workers: 2 });
    expect(Buffer.concat(chunks).equals(fileBytes)).toBe(true);
    const again = await buildSquashfs(fixtureSource(comp), { ...options, workers: 1 });
    expect(Buffer.from(again.image).equals(fileBytes)).toBe(true);
  }, 30_000); // three builds of a 5 MB tree at zstd level 15: ~5 s alone on 2 cores
});

describe('the layer squasher', () => {
  it.each(['zstd', 'xz'] as const)(
    'squashes a tree with Talos %s options, readable under the Talos kernel policy',
    async (c) => {
      const image = await squashLayer(memoryTree().root as SquashfsSourceDirectory, { compression: c, mkfsTime: T0 });
      const reader = await SquashfsImage.open(image, { compressors: 'talos-kernel' });
      try {
        expect(reader.compressor.name).toBe(c);
        expect(reader.compressor.options).toEqual(c === 'zstd' ? { level: 18 } : { dictSize: 131072, filters: 'none' });
        expect(reader.superblock).toMatchObject({
          blockSize: 131072,
          idCount: 1,
          flags: c === 'zstd' ? 0x04c0 : 0x00c0,
        });
        expect(reader.lstat('/etc/hello.txt')).toMatchObject({ uid: 0, gid: 0 });
      } finally {
        reader.close();
      }
      expect(TALOS_LAYER_OPTIONS[c].allRoot).toBe(true);
    },
  );
});

describe('block formats', () => {
  /** The first data block of /usr/lib/big.bin, as stored. */
  async function firstBlock(compressor: 'zstd' | 'xz'): Promise<Uint8Array> {
    const { image } = await buildSquashfs(memoryTree().root, { compressor });
    const reader = await SquashfsImage.open(image);
    const start = reader.superblock.compression === 6 ? 96 : 96;
    reader.close();
    return image.subarray(start, start + 64);
  }

  it('writes zstd frames with the content size and a single segment (no window beyond the block)', async () => {
    const b = await firstBlock('zstd');
    expect([...b.subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
    expect((b[4] as number) & 0x20).toBe(0x20); // single segment
    expect((b[4] as number) >> 6).not.toBe(0); // frame content size present
  });

  it('writes xz blocks whose header declares both sizes and a dictionary of the block size', async () => {
    const b = await firstBlock('xz');
    expect([...b.subarray(0, 6)]).toEqual([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
    expect(b[13]).toBe(0xc0); // block flags: one filter, both sizes
    const header = b.subarray(12, 12 + ((b[12] as number) + 1) * 4);
    const filter = header.indexOf(0x21, 2);
    expect(header[filter + 1]).toBe(1);
    expect(header[filter + 2]).toBe(10); // LZMA2 dictionary property 10 = 128 KiB
  });
});
