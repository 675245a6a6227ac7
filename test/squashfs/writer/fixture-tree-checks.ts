// The writer against mksquashfs 4.5.1 on the trees and option sets of make-sqsh-fixtures.sh:
// unsquashfs accepts our image, lists it exactly as the image mksquashfs built, extracts the
// source's bytes; our reader sees the same inodes (numbers, links, sizes, blocks, xattrs) in
// both; and our image is within 3 % of mksquashfs's size. The fixtures are checked in three
// files of a third each (fixture-trees-N.test.ts), so that two workers share the work: in one
// file they were the longest in the suite, and ran last on a clean clone (vitest starts files it
// has no timings for by size, largest first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SquashfsImage, writeSquashfs } from '../../../src/squashfs/index.js';
import { describeWithFixtures, expectedListing, fixturesDir, imagePath, sha256OfTree } from '../fixtures.js';
import { FIXTURE_IMAGES, type FixtureImage, fixtureSource, T0 } from './fixture-trees.js';

/** Every third fixture, from `part` (0, 1 or 2): each fixture is in exactly one third. */
export function fixtureThird(part: 0 | 1 | 2): FixtureImage[] {
  return FIXTURE_IMAGES.filter((_, i) => i % 3 === part);
}

/** What our reader sees: every entry's stats and symlink target, and every xattr. */
function readerView(image: SquashfsImage): unknown[] {
  return [...image.walk()].map((e) => ({
    ...e,
    xattrs: Object.fromEntries(
      image
        .listXattrs(e.path)
        .sort()
        .map((n) => [n, Buffer.from(image.getXattr(e.path, n) ?? []).toString('hex')]),
    ),
  }));
}

/** The source trees' hashes, read once per worker (most fixtures share the tree 'src'). */
const sourceTrees = new Map<string, Map<string, string>>();
function sourceHashes(fixture: FixtureImage): Map<string, string> {
  let hashes = sourceTrees.get(fixture.src);
  if (hashes === undefined) {
    hashes = sha256OfTree(join(fixturesDir(), fixture.src));
    sourceTrees.set(fixture.src, hashes);
  }
  return hashes;
}

/** Declares the checks of one third of the fixtures. */
export function checkFixtureTrees(part: 0 | 1 | 2): void {
  let scratch: string;
  const sizes: string[] = [];
  beforeAll(() => {
    // tmpfs where there is one: extracting thousands of files to a disk is most of the time otherwise
    scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sim-squashfs-writer-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    if (process.env.SQUASHFS_WRITER_SIZES !== undefined) console.log(`\n${sizes.join('\n')}`);
  });

  describeWithFixtures.each(fixtureThird(part))('the $name tree', (fixture) => {
    let ours: string;
    beforeAll(async () => {
      ours = join(scratch, `${fixture.name}.sqsh`);
      await writeSquashfs(fixtureSource(fixture), ours, { mkfsTime: T0, ...fixture.options });
    });

    it('is listed by unsquashfs -lln exactly as the image mksquashfs built', () => {
      expect(execFileSync('unsquashfs', ['-lln', ours], { encoding: 'utf8' })).toBe(expectedListing(fixture.name));
    });

    it('extracts with unsquashfs to the bytes of the source tree', () => {
      const out = join(scratch, `${fixture.name}.d`);
      execFileSync('unsquashfs', ['-q', '-n', '-d', out, ours], { stdio: 'ignore' });
      expect(sha256OfTree(out)).toEqual(sourceHashes(fixture));
      rmSync(out, { recursive: true, force: true });
    });

    it('reads back through our reader identically to the mksquashfs image', async () => {
      const [a, b] = await Promise.all([SquashfsImage.open(ours), SquashfsImage.open(imagePath(fixture.name))]);
      try {
        expect(readerView(a)).toEqual(readerView(b));
        expect(a.superblock).toMatchObject({
          inodeCount: b.superblock.inodeCount,
          idCount: b.superblock.idCount,
          fragmentCount: b.superblock.fragmentCount,
          blockSize: b.superblock.blockSize,
          mkfsTime: b.superblock.mkfsTime,
        });
        if (fixture.options.compressor !== 'none') expect(a.superblock.flags).toBe(b.superblock.flags);
      } finally {
        a.close();
        b.close();
      }
    });

    it('is within 3 % of the size of the mksquashfs image', async () => {
      const [a, b] = await Promise.all([SquashfsImage.open(ours), SquashfsImage.open(imagePath(fixture.name))]);
      const mine = a.superblock.bytesUsed;
      const theirs = b.superblock.bytesUsed;
      a.close();
      b.close();
      sizes.push(
        `${fixture.name.padEnd(18)} bytes_used ours ${mine} mksquashfs ${theirs} (${((mine / theirs - 1) * 100).toFixed(2)} %)`,
      );
      expect(Math.abs(mine / theirs - 1)).toBeLessThanOrEqual(0.03);
    });
  });
}
