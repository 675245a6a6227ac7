// The writer against mksquashfs 4.5.1 on every tree and option set of make-sqsh-fixtures.sh:
// unsquashfs accepts our image, lists it exactly as the image mksquashfs built, extracts the
// source's bytes; our reader sees the same inodes (numbers, links, sizes, blocks, xattrs) in
// both; and our image is within 3 % of mksquashfs's size.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SquashfsImage, writeSquashfs } from '../../../src/squashfs/index.js';
import { expectedListing, expectedSha256, imagePath } from '../fixtures.js';
import { FIXTURE_IMAGES, fixtureSource, T0 } from './fixture-trees.js';

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

function sha256Tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.set(`/${relative(dir, p)}`, createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
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

describe.each(FIXTURE_IMAGES)('the $name tree', (fixture) => {
  let ours: string;
  beforeAll(async () => {
    ours = join(scratch, `${fixture.name}.sqsh`);
    await writeSquashfs(fixtureSource(fixture), ours, { mkfsTime: T0, ...fixture.options });
  });

  it('is listed by unsquashfs -lln exactly as the image mksquashfs built', () => {
    expect(execFileSync('unsquashfs', ['-lln', ours], { encoding: 'utf8' })).toBe(expectedListing(fixture.name));
  });

  it.runIf(fixture.src === 'src')('extracts with unsquashfs to the bytes of the source tree', () => {
    const out = join(scratch, `${fixture.name}.d`);
    execFileSync('unsquashfs', ['-q', '-n', '-d', out, ours], { stdio: 'ignore' });
    expect(sha256Tree(out)).toEqual(expectedSha256());
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
