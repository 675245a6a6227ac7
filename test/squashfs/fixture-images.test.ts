// Every image of the fixture set read back against squashfs-tools' own view of it: the
// `unsquashfs -lln` listing, the sha256 of every source file, and getfattr's xattrs.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatListingLine, isSquashfsFsError, SquashfsImage } from '../../src/squashfs/index.js';
import {
  describeWithFixtures,
  expectedListing,
  expectedSha256,
  expectedXattrs,
  fixturesAvailable,
  fixturesDir,
  imagePath,
  sha256OfTree,
} from './fixtures.js';

/** unsquashfs 4.5.1 prints rdev >> 8 and rdev & 0xff for devices; 240:70000 is printed right by us. */
function withCorrectDeviceNumbers(listing: string): string {
  return listing.replace(/ 1118448,112 (.*squashfs-root\/dev\/big-minor)$/m, ' 240,70000 $1');
}

/** Sources of the images the fixture script builds from trees of their own. */
const TINY_SOURCES: Readonly<Record<string, string>> = { 'tiny-empty': 'empty-src', 'tiny-one-file': 'one-src' };

const IMAGES = fixturesAvailable()
  ? readdirSync(join(fixturesDir(), 'expected'))
      .filter((f) => f.endsWith('.ls') && f !== 'comp-lzma.ls')
      .map((f) => f.slice(0, -3))
      .sort()
  : [];

describeWithFixtures('fixture images', () => {
  it('covers the whole matrix of the fixture script', () => {
    expect(IMAGES).toEqual(
      expect.arrayContaining(['comp-gzip', 'comp-lz4', 'comp-lzo', 'comp-xz', 'comp-zstd', 'talos-ext-xz']),
    );
    expect(IMAGES.length).toBe(23);
  });

  describe.each(IMAGES)('%s', (name) => {
    let image: SquashfsImage;
    beforeAll(async () => {
      image = await SquashfsImage.open(imagePath(name));
    });
    afterAll(() => image?.close());

    it('lists exactly as unsquashfs -lln (device numbers corrected)', () => {
      const lines = [...image.walk()].map((e) => `${formatListingLine(e)}\n`).join('');
      expect(lines).toBe(withCorrectDeviceNumbers(expectedListing(name)));
    });

    it('reads every file with the sha256 of its source tree', () => {
      const expected = name.startsWith('tiny-')
        ? sha256OfTree(join(fixturesDir(), TINY_SOURCES[name] ?? ''))
        : expectedSha256();
      const actual = new Map<string, string>();
      for (const e of image.walk()) {
        if (e.stats.kind !== 'file') continue;
        actual.set(e.path, createHash('sha256').update(image.readFile(e.path)).digest('hex'));
      }
      expect(actual).toEqual(expected);
    });

    it('has the xattrs getfattr reports on the source tree', () => {
      // the tiny images' sources (and var-no-xattrs) carry none
      const expected = name === 'var-no-xattrs' || name.startsWith('tiny-') ? new Map() : expectedXattrs();
      const actual = new Map<string, Map<string, string>>();
      for (const e of image.walk()) {
        const names = image.listXattrs(e.path);
        if (names.length === 0) continue;
        const attrs = new Map<string, string>();
        for (const n of names.sort()) attrs.set(n, `0x${Buffer.from(image.getXattr(e.path, n) ?? []).toString('hex')}`);
        actual.set(e.path, attrs);
      }
      expect(actual).toEqual(expected);
    });

    it('finds every inode by number through the export table', () => {
      for (const e of image.walk()) {
        if (name === 'var-no-exports') {
          expect(() => image.statInode(e.stats.ino)).toThrow(/ENOTSUP/);
          return;
        }
        expect(image.statInode(e.stats.ino)).toEqual(e.stats);
      }
    });
  });
});

describeWithFixtures('broken images of the fixture set', () => {
  it.each([
    ['bad-magic', 'bad-magic', 'bad-magic.sqsh: not a squashfs image: bad magic 0x58585858 (at byte 0)'],
    [
      'bad-truncated',
      'truncated',
      'bad-truncated.sqsh: image truncated: needs bytes up to 731930, ends at 50000 (at byte 40)',
    ],
    [
      'bad-comp-id',
      'unsupported-compressor',
      'bad-comp-id.sqsh: Filesystem uses "unknown" compression. This is not supported (at byte 20)',
    ],
    [
      'comp-lzma',
      'unsupported-compressor',
      'comp-lzma.sqsh: Filesystem uses "lzma" compression. This is not supported (at byte 20)',
    ],
  ])('%s fails with %s', async (name, kind, message) => {
    const err = await SquashfsImage.open(imagePath(name)).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SquashfsError', kind, message });
  });
});

describeWithFixtures('inode data as Linux reports it', () => {
  let image: SquashfsImage;
  beforeAll(async () => {
    image = await SquashfsImage.open(imagePath('comp-zstd'));
  });
  afterAll(() => image?.close());

  it('shares one inode between hard links', () => {
    const [a, b, c] = ['/links/hard-a', '/links/hard-b', '/etc/hard-c'].map((p) => image.lstat(p));
    expect(a?.nlink).toBe(3);
    expect(b?.ino).toBe(a?.ino);
    expect(c?.ino).toBe(a?.ino);
  });

  it('decodes device numbers, modes and ids', () => {
    expect(image.lstat('/dev/big-minor')).toMatchObject({
      kind: 'character-device',
      mode: 0o20600,
      rdevMajor: 240,
      rdevMinor: 70000,
      rdev: 286322800,
    });
    expect(image.lstat('/dev/sda')).toMatchObject({ kind: 'block-device', mode: 0o60660, gid: 6, rdevMajor: 8 });
    expect(image.lstat('/etc/hello.txt')).toMatchObject({ uid: 1000, gid: 1000, mtime: 1700086400, size: 15 });
    expect(image.lstat('/modes/setuid').mode).toBe(0o104755);
    expect(image.lstat('/ww').mode).toBe(0o41777);
    expect(image.lstat('/run/fifo').kind).toBe('fifo');
    expect(image.lstat('/run/socket').mode).toBe(0o140755);
  });

  it('reports directory sizes with the +3 rule and nlink = 2 + subdirectories', () => {
    expect(image.lstat('/empty-dir')).toMatchObject({ size: 3, nlink: 2 });
    expect(image.lstat('/a')).toMatchObject({ nlink: 3 });
  });

  it('counts 512-byte blocks without the sparse ones', () => {
    expect(image.lstat('/etc/hello.txt').blocks).toBe(1);
    expect(image.lstat('/sparse/sparse.img').blocks).toBeLessThan(300);
    expect(image.lstat('/etc/empty-file').blocks).toBe(0);
  });

  it('keeps the root last in inode numbering, as mksquashfs does', () => {
    expect(image.lstat('/').ino).toBe(image.superblock.inodeCount);
  });

  it('answers statfs as the kernel does', () => {
    expect(image.statfs()).toEqual({
      bsize: 131072,
      blocks: Math.ceil(image.superblock.bytesUsed / 131072),
      bfree: 0,
      files: image.superblock.inodeCount,
      namelen: 256,
    });
  });

  it('hands out copies, never its cached buffers', () => {
    const first = image.readFile('/etc/hello.txt');
    first.fill(0);
    expect(Buffer.from(image.readFile('/etc/hello.txt')).toString()).toBe('hello squashfs\n');
    expect(isSquashfsFsError(new Error('x'))).toBe(false);
  });
});
