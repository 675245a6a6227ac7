// The cache directory both kinds of entries share: the most recently used entries that fit the bound stay (an entry
// larger than the bound takes no other with it), an entry that cannot be removed is no error, and what killed writers
// left behind goes.
import {
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCache } from '../../src/cluster/file-cache.js';
import { openFileInside } from '../../src/safe-fs/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'talos-sim-file-cache-'));
  dirs.push(dir);
  return dir;
};

describe('FileCache', () => {
  it('keeps the most recently used entries that fit: one too large for the bound evicts only itself', () => {
    const directory = scratch();
    const cache = new FileCache({ directory, suffix: '.x', maxBytes: 100 });
    cache.write('a', new Uint8Array(40));
    utimesSync(join(directory, 'a.x'), 1, 1);
    cache.write('b', new Uint8Array(40));
    utimesSync(join(directory, 'b.x'), 2, 2);
    cache.write('huge', new Uint8Array(101));
    expect(readdirSync(directory).sort()).toEqual(['a.x', 'b.x']);
    cache.write('c', new Uint8Array(40));
    // c is the newest, b the next: a no longer fits
    expect(readdirSync(directory).sort()).toEqual(['b.x', 'c.x']);
    expect(cache.read('c')).toEqual(new Uint8Array(40));
    expect(cache.read('a')).toBeUndefined();
  });

  it('leaves entries of other suffixes alone', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'other.y'), new Uint8Array(500));
    const cache = new FileCache({ directory, suffix: '.x', maxBytes: 100 });
    cache.write('a', new Uint8Array(40));
    expect(readdirSync(directory).sort()).toEqual(['a.x', 'other.y']);
  });

  it('evicts past a dangling link (removed) or a directory at an entry name (left alone, with what it holds)', () => {
    const directory = scratch();
    symlinkSync(join(directory, 'nowhere'), join(directory, 'zz.x'));
    mkdirSync(join(directory, 'photos.x'));
    writeFileSync(join(directory, 'photos.x', 'precious.jpg'), 'x');
    const cache = new FileCache({ directory, suffix: '.x', maxBytes: 100 });
    for (const key of ['a', 'b', 'c', 'd']) cache.write(key, new Uint8Array(40));
    expect(readdirSync(directory).sort()).toEqual(['c.x', 'd.x', 'photos.x']);
    expect(readdirSync(join(directory, 'photos.x'))).toEqual(['precious.jpg']);
  });

  it('removes the temporary files of writers that died, once they have been left unchanged for ten minutes', () => {
    const directory = scratch();
    const cache = new FileCache({ directory, suffix: '.x', maxBytes: 100 });
    // what a killed writer leaves: a temporary file named as a real write names it (taken from a writer, which is then
    // dropped, and the file made again with the same name), last changed some minutes ago
    const left = (name: string, minutesAgo: number): string => {
      const writer = openFileInside(directory, name, { replace: 'atomic' });
      const temp = readdirSync(directory).find((n) => n.startsWith(`.${name}.`)) as string;
      writer.abort();
      writeFileSync(join(directory, temp), new Uint8Array(10));
      const when = (Date.now() - minutesAgo * 60_000) / 1000;
      utimesSync(join(directory, temp), when, when);
      return temp;
    };
    left('dead.x', 11);
    const live = left('busy.x', 1);
    const other = left('other.y', 60);
    // names that are no temporary file of this cache, and a link at a temporary name: left alone
    const unlike = ['.notes.x.tmp', 'dead.x.1.2.tmp', '.dead.x.1.tmp'];
    for (const name of unlike) writeFileSync(join(directory, name), 'mine');
    symlinkSync(join(directory, 'nowhere'), join(directory, '.linked.x.1.2.tmp'));
    for (const name of unlike) utimesSync(join(directory, name), 0, 0);
    lutimesSync(join(directory, '.linked.x.1.2.tmp'), 0, 0);
    cache.write('a', new Uint8Array(40));
    expect(readdirSync(directory).sort()).toEqual([live, other, 'a.x', ...unlike, '.linked.x.1.2.tmp'].sort());
  });

  it('does not fail when an entry cannot be removed', () => {
    const directory = scratch();
    // a directory where the entry would be: rm without recursion refuses it, as it refuses an unwritable directory
    mkdirSync(join(directory, 'k.x'));
    writeFileSync(join(directory, 'k.x', 'inside'), 'x');
    const cache = new FileCache({ directory, suffix: '.x', maxBytes: 100 });
    expect(cache.read('k')).toBeUndefined();
    expect(() => cache.remove('k')).not.toThrow();
  });
});
