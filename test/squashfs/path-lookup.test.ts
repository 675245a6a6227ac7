// Path lookups behave like Linux inside a chroot at the image root: symlinks in intermediate
// components are followed, final ones only by stat/readdir/read, with Node-shaped errors.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSquashfs, isNotFound, SquashfsImage } from '../../src/squashfs/index.js';
import { describeWithFixtures, imagePath } from './fixtures.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '100');

describeWithFixtures('path lookup', () => {
  let image: SquashfsImage;
  let links: SquashfsImage;
  beforeAll(async () => {
    image = await SquashfsImage.open(imagePath('comp-zstd'));
    links = await SquashfsImage.open(imagePath('extra-links'));
  });
  afterAll(() => {
    image?.close();
    links?.close();
  });

  it('resolves ".", ".." and repeated slashes', () => {
    expect(image.lstat('//etc/./hello.txt')).toEqual(image.lstat('/etc/hello.txt'));
    expect(image.lstat('etc/../usr/../etc/hello.txt').ino).toBe(image.lstat('/etc/hello.txt').ino);
    expect(image.lstat('/../..').ino).toBe(image.lstat('/').ino);
  });

  it('follows symlinks in the middle of a path, and at the end only for stat', () => {
    expect(image.lstat('/links/dir-link').kind).toBe('symlink');
    expect(image.stat('/links/dir-link').kind).toBe('directory');
    expect(image.lstat('/links/dir-link/firmware').ino).toBe(image.lstat('/usr/lib/firmware').ino);
    expect(image.stat('/links/abs-link').ino).toBe(image.lstat('/etc/hello.txt').ino);
    expect(links.lstat('/up/dir/file').kind).toBe('file');
    expect(links.stat('/chain1').ino).toBe(links.lstat('/dir').ino);
    expect(links.lstat('/abs-dir/').kind).toBe('directory');
  });

  it('resolves a path the same whatever was looked up before (the last parent is reused)', async () => {
    // a second instance of the image, whose remembered parent is reset before every lookup ("//dir" is a parent
    // string the generator never produces), is the reference
    const cold = await SquashfsImage.open(imagePath('extra-links'));
    const outcome = (img: SquashfsImage, path: string, op: 'lstat' | 'stat'): string => {
      try {
        return `ino ${img[op](path).ino}`;
      } catch (err) {
        return (err as { code?: string }).code ?? String(err);
      }
    };
    const names = [
      'dir',
      'file',
      'self',
      'ping',
      'up',
      'abs-dir',
      'chain1',
      'chain2',
      'empty-dir-link',
      '..',
      '.',
      'no',
    ];
    const path = fc
      .tuple(fc.boolean(), fc.array(fc.constantFrom(...names), { minLength: 0, maxLength: 5 }), fc.boolean())
      .map(
        ([absolute, parts, slash]) => `${absolute ? '/' : ''}${parts.join('/')}${slash && parts.length > 0 ? '/' : ''}`,
      );
    try {
      fc.assert(
        fc.property(fc.array(path, { minLength: 1, maxLength: 12 }), (paths) => {
          for (const p of paths) {
            for (const op of ['lstat', 'stat'] as const) {
              cold.tryLstat('//dir/reset');
              expect(outcome(links, p, op), `${op} ${p}`).toBe(outcome(cold, p, op));
            }
          }
        }),
        { numRuns: runs },
      );
    } finally {
      cold.close();
    }
  });

  it('answers misses with Node-style errors', () => {
    expect(() => image.lstat('/nope')).toThrow("ENOENT: no such file or directory, lstat '/nope'");
    expect(() => image.lstat('/etc/hello.txt/x')).toThrow("ENOTDIR: not a directory, lstat '/etc/hello.txt/x'");
    expect(() => image.lstat('/etc/hello.txt/')).toThrow("ENOTDIR: not a directory, lstat '/etc/hello.txt/'");
    // "." and ".." are names looked up in a directory, as in Linux: a file has neither
    expect(() => image.lstat('/etc/hello.txt/..')).toThrow("ENOTDIR: not a directory, lstat '/etc/hello.txt/..'");
    expect(() => image.lstat('/etc/hello.txt/./')).toThrow("ENOTDIR: not a directory, lstat '/etc/hello.txt/./'");
    expect(() => image.stat('/links/abs-link/../etc')).toThrow('ENOTDIR');
    expect(() => image.stat('/links/dangling')).toThrow("ENOENT: no such file or directory, stat '/links/dangling'");
    expect(() => image.readdir('/etc/hello.txt')).toThrow("ENOTDIR: not a directory, scandir '/etc/hello.txt'");
    expect(() => image.readlink('/etc')).toThrow("EINVAL: invalid argument, readlink '/etc'");
    expect(() => image.readFile('/etc')).toThrow("EISDIR: illegal operation on a directory, read '/etc'");
    expect(() => image.readFile('/dev/null')).toThrow("EINVAL: invalid argument, read '/dev/null'");
    expect(() => links.stat('/self')).toThrow("ELOOP: too many symbolic links encountered, stat '/self'");
    expect(() => links.readFile('/ping')).toThrow(/ELOOP/);
    expect(links.lstat('/ping').kind).toBe('symlink');
    expect(image.tryLstat('/nope/deeper')).toBeUndefined();
    expect(image.tryLstat('/etc/hello.txt/x')).toBeUndefined();
    let caught: unknown;
    try {
      image.lstat('/nope');
    } catch (err) {
      caught = err;
    }
    expect(isNotFound(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'ENOENT', errno: -2, syscall: 'lstat', path: '/nope' });
  });

  it('reads directories in stored order with entry kinds and inode numbers', () => {
    expect(image.readdir('/dev')).toEqual([
      { name: 'big-minor', kind: 'character-device', ino: image.lstat('/dev/big-minor').ino },
      { name: 'null', kind: 'character-device', ino: image.lstat('/dev/null').ino },
      { name: 'sda', kind: 'block-device', ino: image.lstat('/dev/sda').ino },
    ]);
    expect(image.readdir('/links/dir-link').map((e) => e.name)).toEqual(image.readdir('/usr/lib').map((e) => e.name));
    expect(image.readdir('/names').map((e) => e.name)).toContain('ünïcødé-名前.txt');
    expect(image.readlink('/links/long-target')).toBe('x'.repeat(1000));
  });

  it('finds every name of an indexed directory through its index, before any readdir', async () => {
    const fresh = await SquashfsImage.open(imagePath('comp-gzip'));
    const names = Array.from(
      { length: 600 },
      (_, i) => `entry-with-a-fairly-long-name-to-fill-metadata-blocks-${String(i).padStart(3, '0')}`,
    );
    const viaIndex = names.map((n) => fresh.lstat(`/bigdir/${n}`).ino);
    expect(fresh.tryLstat('/bigdir/entry-with-a-fairly-long-name-to-fill-metadata-blocks-600')).toBeUndefined();
    expect(fresh.tryLstat('/bigdir/a')).toBeUndefined();
    expect(fresh.tryLstat('/bigdir/zzz')).toBeUndefined();
    expect(fresh.readdir('/bigdir').map((e) => e.ino)).toEqual(viaIndex);
    fresh.close();
  });

  it('reads any byte range as a slice of the whole file', async () => {
    const small = await SquashfsImage.open(imagePath('var-b4k'));
    const files = ['/big/big.bin', '/big/128k-plus-1', '/sparse/sparse.img', '/usr/lib/firmware/amd/microcode_amd.bin'];
    const whole = new Map(files.map((f) => [f, Buffer.from(small.readFile(f))]));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), fc.nat({ max: 300_000 }), (file, start, length) => {
        const data = whole.get(file) as Buffer;
        const position = start % (data.length + 10);
        const got = small.read(file, position, length);
        expect(Buffer.from(got).equals(data.subarray(position, position + length))).toBe(true);
      }),
      { numRuns: runs },
    );
    expect(() => small.read('/big/big.bin', -1, 1)).toThrow(/EINVAL/);
    small.close();
  });

  it('reads extended attributes of the entry itself', () => {
    expect(image.listXattrs('/usr/lib')).toEqual(['user.dirattr']);
    expect(Buffer.from(image.getXattr('/usr/lib', 'user.dirattr') ?? []).toString()).toBe('d');
    expect(image.getXattr('/usr/lib', 'user.none')).toBeUndefined();
    expect(image.getXattr('/etc/hello.txt', 'user.big')?.length).toBe(3000);
    expect(image.listXattrs('/links/abs-link')).toEqual([]);
  });
});

describe('an empty root', () => {
  it('lists nothing even when the directory table is empty (mksquashfs -no-exports of an empty directory)', async () => {
    for (const exports of [true, false]) {
      const { image: bytes } = await buildSquashfs(
        { kind: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0, entries: new Map() },
        { exports },
      );
      const image = await SquashfsImage.open(bytes);
      expect(image.readdir('/')).toEqual([]);
      expect(image.lstat('/').size).toBe(3);
      image.close();
    }
  });
});
