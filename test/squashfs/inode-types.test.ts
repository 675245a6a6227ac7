// The extended inode forms (types 8-14) that only xattrs on special files produce.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatListingLine, SquashfsImage } from '../../src/squashfs/index.js';
import { describeWithFixtures, fixturesDir } from './fixtures.js';

const root = process.getuid?.() === 0;

describeWithFixtures('extended inode types', () => {
  it.runIf(root)('reads every type with an xattr, listing as unsquashfs does', async () => {
    const dir = join(fixturesDir(), 'extra');
    expect(existsSync(join(dir, 'xtypes.sqsh'))).toBe(true);
    const image = await SquashfsImage.open(join(dir, 'xtypes.sqsh'));
    const entries = [...image.walk()];
    expect(entries.map((e) => `${formatListingLine(e)}\n`).join('')).toBe(readFileSync(join(dir, 'xtypes.ls'), 'utf8'));
    const kinds = Object.fromEntries(entries.slice(1).map((e) => [e.path, e.stats.kind]));
    expect(kinds).toEqual({
      '/blk': 'block-device',
      '/chr': 'character-device',
      '/dir': 'directory',
      '/fifo': 'fifo',
      '/file': 'file',
      '/link': 'symlink',
      '/socket': 'socket',
    });
    for (const e of entries.slice(1)) {
      expect(Buffer.from(image.getXattr(e.path, 'trusted.sim') ?? []).toString()).toBe(e.path.slice(1));
    }
    expect(image.lstat('/blk')).toMatchObject({ rdevMajor: 8, rdevMinor: 1 });
    expect(image.readlink('/link')).toBe('file');
    image.close();
  });
});
