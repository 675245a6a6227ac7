// Writing inside a target directory: exclusive create and atomic replace, never through a symbolic link, never
// outside the target, nothing partial or temporary left behind.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkTargetDirectory,
  createTargetDirectory,
  ensureDirectoryInside,
  isSafeFsError,
  openFileInside,
  symlinkInside,
  writeFileInside,
} from '../../src/safe-fs/index.js';

let root: string;
let target: string;
let outside: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'talos-sim-safe-fs-'));
  target = join(root, 'out');
  outside = join(root, 'outside');
  mkdirSync(target);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret'), 'precious');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function thrown(fn: () => unknown): { kind: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (isSafeFsError(err)) return { kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error('expected a SafeFsError');
}

describe('writeFileInside', () => {
  it('creates a file exclusively and refuses a second one at the same name', () => {
    const path = writeFileInside(target, 'a/b/c.txt', 'one', { replace: 'exclusive' });
    expect(path).toBe(join(target, 'a/b/c.txt'));
    expect(readFileSync(path, 'utf8')).toBe('one');
    expect(thrown(() => writeFileInside(target, 'a/b/c.txt', 'two', { replace: 'exclusive' }))).toEqual({
      kind: 'exists',
      message: `${path} already exists`,
    });
    expect(readFileSync(path, 'utf8')).toBe('one');
    expect(readdirSync(join(target, 'a/b'))).toEqual(['c.txt']);
  });

  it('replaces a file atomically', () => {
    writeFileInside(target, 'x', 'old', { replace: 'atomic' });
    writeFileInside(target, 'x', 'new', { replace: 'atomic' });
    expect(readFileSync(join(target, 'x'), 'utf8')).toBe('new');
    expect(readdirSync(target)).toEqual(['x']);
  });

  it('replaces a symbolic link at the name instead of writing through it', () => {
    symlinkSync(join(outside, 'secret'), join(target, 'extensions.yaml'));
    writeFileInside(target, 'extensions.yaml', 'layers: []\n', { replace: 'atomic' });
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('precious');
    expect(lstatSync(join(target, 'extensions.yaml')).isFile()).toBe(true);
  });

  it('refuses a symbolic link at the name when creating exclusively, dangling or not', () => {
    symlinkSync(join(outside, 'secret'), join(target, 'a'));
    symlinkSync(join(outside, 'missing'), join(target, 'b'));
    expect(thrown(() => writeFileInside(target, 'a', 'x', { replace: 'exclusive' })).kind).toBe('exists');
    expect(thrown(() => writeFileInside(target, 'b', 'x', { replace: 'exclusive' })).kind).toBe('exists');
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('precious');
    expect(existsSync(join(outside, 'missing'))).toBe(false);
  });

  it('never follows a symbolic link to a directory on the way', () => {
    symlinkSync(outside, join(target, 'usr'));
    for (const replace of ['atomic', 'exclusive'] as const) {
      expect(thrown(() => writeFileInside(target, 'usr/secret', 'x', { replace }))).toEqual({
        kind: 'symlink',
        message: `${join(target, 'usr')} is a symbolic link: talos-sim never writes through one`,
      });
    }
    expect(readdirSync(outside)).toEqual(['secret']);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('precious');
  });

  it('refuses a file where a directory is needed, and a directory where the file goes', () => {
    writeFileSync(join(target, 'f'), '');
    mkdirSync(join(target, 'd'));
    expect(thrown(() => writeFileInside(target, 'f/x', 'x', { replace: 'atomic' }))).toEqual({
      kind: 'not-a-directory',
      message: `${join(target, 'f')}: not a directory (a regular file)`,
    });
    expect(thrown(() => writeFileInside(target, 'd', 'x', { replace: 'atomic' }))).toEqual({
      kind: 'io',
      message: `write ${join(target, 'd')}: is a directory`,
    });
  });

  it.each([
    ['../outside/secret', 'must not contain ".."'],
    ['a/../../outside/secret', 'must not contain ".."'],
    ['/etc/passwd', 'must be relative to its target directory'],
    ['a\0b', 'contains a NUL byte'],
    ['', 'names no file'],
    ['./', 'names no file'],
  ])('refuses the path %j before touching the filesystem', (path, reason) => {
    expect(thrown(() => writeFileInside(target, path, 'x', { replace: 'atomic' }))).toEqual({
      kind: 'invalid-path',
      message: `invalid path ${JSON.stringify(path)}: ${reason}`,
    });
    expect(readdirSync(target)).toEqual([]);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('precious');
  });
});

describe('openFileInside', () => {
  it('shows nothing at the name until commit, patches bytes already written, leaves no temporary file', () => {
    const w = openFileInside(target, 'image.sqsh', { replace: 'exclusive', mode: 0o600 });
    w.write(new Uint8Array([1, 2, 3]));
    w.write(new Uint8Array([4, 5]));
    w.writeAt(0, new Uint8Array([9]));
    expect(w.position).toBe(5);
    expect(existsSync(join(target, 'image.sqsh'))).toBe(false);
    w.commit();
    expect([...readFileSync(join(target, 'image.sqsh'))]).toEqual([9, 2, 3, 4, 5]);
    expect(lstatSync(join(target, 'image.sqsh')).mode & 0o077).toBe(0);
    expect(readdirSync(target)).toEqual(['image.sqsh']);
  });

  it('leaves nothing behind when aborted', () => {
    const w = openFileInside(target, 'sub/partial', { replace: 'atomic' });
    w.write(new Uint8Array(10));
    w.abort();
    w.abort();
    expect(readdirSync(join(target, 'sub'))).toEqual([]);
  });

  it('fails an exclusive commit when the name was taken meanwhile, keeping what is there', () => {
    const w = openFileInside(target, 'state.json', { replace: 'exclusive', durable: true });
    w.write(new TextEncoder().encode('mine'));
    writeFileSync(join(target, 'state.json'), 'theirs');
    expect(thrown(() => w.commit()).kind).toBe('exists');
    expect(readFileSync(join(target, 'state.json'), 'utf8')).toBe('theirs');
    expect(readdirSync(target)).toEqual(['state.json']);
  });

  it('refuses to commit when its directory was swapped for a link meanwhile', () => {
    const w = openFileInside(target, 'cache/asset', { replace: 'atomic' });
    w.write(new Uint8Array([1]));
    rmSync(join(target, 'cache'), { recursive: true });
    symlinkSync(outside, join(target, 'cache'));
    expect(thrown(() => w.commit())).toEqual({
      kind: 'escapes-directory',
      message: `${join(target, 'cache/asset')}: symbolic link leads outside ${join(target, 'cache')}`,
    });
    expect(readdirSync(outside)).toEqual(['secret']);
  });
});

describe('symlinkInside', () => {
  it('stores a link without following it, exclusively or replacing', () => {
    symlinkInside(target, 'lib/l', '../../outside/secret', { replace: 'exclusive' });
    expect(readlinkSync(join(target, 'lib/l'))).toBe('../../outside/secret');
    expect(thrown(() => symlinkInside(target, 'lib/l', 'x', { replace: 'exclusive' })).kind).toBe('exists');
    symlinkInside(target, 'lib/l', 'y', { replace: 'atomic' });
    expect(readlinkSync(join(target, 'lib/l'))).toBe('y');
    expect(readdirSync(join(target, 'lib'))).toEqual(['l']);
  });
});

describe('target directories', () => {
  it('tells an absent target and a directory (or a link to one) from anything else', () => {
    expect(checkTargetDirectory(join(root, 'nope'))).toBe('absent');
    expect(checkTargetDirectory(target)).toBe('directory');
    symlinkSync(target, join(root, 'link'));
    expect(checkTargetDirectory(join(root, 'link'))).toBe('directory');
    expect(thrown(() => checkTargetDirectory(join(outside, 'secret')))).toEqual({
      kind: 'not-a-directory',
      message: `${join(outside, 'secret')}: not a directory (a regular file)`,
    });
    expect(thrown(() => checkTargetDirectory('/dev/null'))).toEqual({
      kind: 'not-a-directory',
      message: '/dev/null: not a directory (a character device)',
    });
  });

  it('creates a target and directories inside it, refusing a link on the way', () => {
    const made = createTargetDirectory(join(root, 'new/deeper'));
    expect(lstatSync(made).isDirectory()).toBe(true);
    expect(ensureDirectoryInside(made, 'a/b')).toBe(join(made, 'a/b'));
    symlinkSync(outside, join(made, 'a/c'));
    expect(thrown(() => ensureDirectoryInside(made, 'a/c/d')).kind).toBe('symlink');
    expect(readdirSync(outside)).toEqual(['secret']);
  });
});
