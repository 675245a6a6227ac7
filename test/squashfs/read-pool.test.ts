// The worker-thread pool reads the same bytes as the in-thread reader, and its errors arrive
// with their types.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SquashfsError, SquashfsFsError, SquashfsImage, SquashfsReadPool } from '../../src/squashfs/index.js';
import { describeWithFixtures, imagePath } from './fixtures.js';

describeWithFixtures('SquashfsReadPool', () => {
  let pool: SquashfsReadPool;
  let image: SquashfsImage;
  beforeAll(async () => {
    pool = await SquashfsReadPool.open(imagePath('comp-xz'), { workers: 2 });
    image = await SquashfsImage.open(imagePath('comp-xz'));
  });
  afterAll(async () => {
    await pool.close();
    image.close();
  });

  it('reads files in workers exactly as the image does in this thread', async () => {
    const paths = ['/big/big.bin', '/etc/hello.txt', '/sparse/sparse.img', '/etc/empty-file', '/links/hard-b'];
    const got = await Promise.all(paths.map((p) => pool.readFile(p)));
    expect(pool.size).toBe(2);
    got.forEach((data, i) => {
      expect(Buffer.from(data).equals(Buffer.from(image.readFile(paths[i] as string)))).toBe(true);
    });
  });

  it('extracts files with their metadata in the workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-pool-'));
    const jobs = ['/big/128k-plus-1', '/modes/setgid'].map((p, i) => {
      const s = image.lstat(p);
      return {
        path: p,
        dest: join(dir, String(i)),
        size: s.size,
        meta: { mode: s.mode, uid: s.uid, gid: s.gid, mtime: s.mtime, ownership: false },
      };
    });
    await pool.extract(jobs);
    expect(readFileSync(join(dir, '0')).equals(Buffer.from(image.readFile('/big/128k-plus-1')))).toBe(true);
    expect(statSync(join(dir, '1')).mode & 0o7777).toBe(0o2755);
    expect(statSync(join(dir, '1')).mtimeMs).toBe(1700000000000);
    await expect(pool.extract(jobs)).rejects.toMatchObject({ code: 'EEXIST' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes path and image errors back typed', async () => {
    const err = await pool.readFile('/nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SquashfsFsError);
    expect(err).toMatchObject({ code: 'ENOENT', message: "ENOENT: no such file or directory, open '/nope'" });
    const bad = await SquashfsReadPool.open(imagePath('bad-magic'), { workers: 1 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(SquashfsError);
    expect(bad).toMatchObject({ kind: 'bad-magic' });
  });
});
