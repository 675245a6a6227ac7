// Structural faults give a SquashfsError of the right kind, naming the image and the offset.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { isSquashfsError, SquashfsImage } from '../../src/squashfs/index.js';
import { describeWithFixtures, fixturesDir, imagePath } from './fixtures.js';

function load(name: string): Buffer {
  return readFileSync(imagePath(name));
}

async function openError(bytes: Uint8Array, name: string): Promise<unknown> {
  return SquashfsImage.open(bytes, { name }).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describeWithFixtures('bad input', () => {
  it('rejects other squashfs versions and byte orders', async () => {
    const v3 = load('comp-zstd');
    v3.writeUInt16LE(3, 28);
    expect(await openError(v3, 'v3.sqsh')).toMatchObject({
      kind: 'unsupported-version',
      offset: 28,
      message: 'v3.sqsh: unsupported squashfs version: 3.0 (only 4.0 is) (at byte 28)',
    });
    const be = load('comp-zstd');
    be.writeUInt32BE(0x73717368, 0);
    expect(await openError(be, 'be.sqsh')).toMatchObject({
      kind: 'unsupported-version',
      message: 'be.sqsh: unsupported squashfs version: big-endian image (at byte 0)',
    });
  });

  it('mounts like the Talos kernel when asked: xz and zstd only, with its message', async () => {
    const options = { compressors: 'talos-kernel' } as const;
    for (const name of ['comp-gzip', 'comp-lz4', 'comp-lzo']) {
      const err = await SquashfsImage.open(imagePath(name), options).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'unsupported-compressor', offset: 20 });
      expect((err as Error).message).toContain(`compression. This is not supported`);
    }
    for (const name of ['talos-ext-zstd', 'talos-ext-xz', 'opt-xz-bcj-x86']) {
      const image = await SquashfsImage.open(imagePath(name), options);
      expect(image.compressor.name).toMatch(/^(xz|zstd)$/);
      image.close();
    }
  });

  it('rejects an image shorter than a superblock or than bytes_used', async () => {
    expect(await openError(new Uint8Array(10), 'short.sqsh')).toMatchObject({
      kind: 'truncated',
      message: 'short.sqsh: image truncated: needs bytes up to 96, ends at 10 (at byte 0)',
    });
    const img = load('comp-gzip');
    const used = Number(img.readBigUInt64LE(40));
    expect(await openError(img.subarray(0, used - 1), 'cut.sqsh')).toMatchObject({
      kind: 'truncated',
      offset: 40,
    });
  });

  it('rejects impossible superblock fields as corrupt metadata', async () => {
    const bs = load('comp-zstd');
    bs.writeUInt32LE(1000, 12);
    expect(await openError(bs, 'bs.sqsh')).toMatchObject({
      kind: 'corrupt-metadata',
      message:
        'bs.sqsh: corrupt metadata: block size 1000 (log 17) is not a power of two from 4 KiB to 1 MiB (at byte 12)',
    });
    const order = load('comp-zstd');
    order.writeBigUInt64LE(order.readBigUInt64LE(64), 72);
    expect(await openError(order, 'order.sqsh')).toMatchObject({ kind: 'corrupt-metadata', offset: 72 });
    const root = load('comp-zstd');
    root.writeBigUInt64LE(0xffff_0000n, 32);
    expect(await openError(root, 'root.sqsh')).toMatchObject({ kind: 'corrupt-metadata', offset: 32 });
  });

  it('rejects invalid compressor options', async () => {
    const level = load('opt-zstd-l3');
    level.writeInt32LE(99, 98);
    expect(await openError(level, 'l99.sqsh')).toMatchObject({
      kind: 'bad-compressor-options',
      message: 'l99.sqsh: bad zstd compressor options: compression level 99 is outside 1..22 (at byte 96)',
    });
    const lz4 = load('comp-lz4');
    lz4.writeUInt16LE(lz4.readUInt16LE(24) & ~0x400, 24);
    expect(await openError(lz4, 'lz4.sqsh')).toMatchObject({
      kind: 'bad-compressor-options',
      message: 'lz4.sqsh: bad lz4 compressor options: lz4 images must carry an options block (at byte 96)',
    });
    const dict = load('opt-xz-bcj-x86');
    dict.writeUInt32LE(100_000, 98);
    expect(await openError(dict, 'dict.sqsh')).toMatchObject({ kind: 'bad-compressor-options' });
  });

  it('reports a data block that does not decompress as a corrupt block at its offset', async () => {
    const img = load('comp-zstd');
    const inodeTable = Number(img.readBigUInt64LE(64));
    img.fill(0xa5, 96, inodeTable);
    const image = await SquashfsImage.open(img, { name: 'data.sqsh' });
    let err: unknown;
    try {
      image.readFile('/etc/hello.txt');
    } catch (e) {
      err = e;
    }
    expect(isSquashfsError(err, 'corrupt-block')).toBe(true);
    expect((err as Error).message).toMatch(
      /^data\.sqsh: corrupt block: fragment block 0 does not decompress \(.+\) \(at byte \d+\)$/,
    );
    expect(() => image.readFile('/big/big.bin')).toThrow(/corrupt block: data block does not decompress/);
  });

  it('detects a directory that contains itself', async () => {
    const img = readFileSync(join(fixturesDir(), 'hostile/hostile.sqsh'));
    const inodeStart = Number(img.readBigUInt64LE(64));
    const dirStart = Number(img.readBigUInt64LE(72));
    const rootOffset = Number(img.readBigUInt64LE(32) & 0xffffn);
    // all of this tiny image's metadata sits in one uncompressed block per table
    const rootInode = inodeStart + 2 + rootOffset;
    const rootNumber = img.readUInt32LE(rootInode + 12);
    let p = dirStart + 2 + img.readUInt16LE(rootInode + 26);
    const base = img.readUInt32LE(p + 8);
    p += 12;
    for (;;) {
      const size = img.readUInt16LE(p + 6) + 1;
      if (img.toString('latin1', p + 8, p + 8 + size) === 'd') break;
      p += 8 + size;
    }
    img.writeUInt16LE(rootOffset, p);
    img.writeInt16LE(rootNumber - base, p + 2);
    const image = await SquashfsImage.open(img, { name: 'cycle.sqsh' });
    expect(image.lstat('/d/d/d/d').ino).toBe(rootNumber);
    expect(() => [...image.walk()]).toThrow(`cycle.sqsh: loop: directory /d is reached twice (at byte ${inodeStart})`);
  });
});
