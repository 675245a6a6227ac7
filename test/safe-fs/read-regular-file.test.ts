// Reading inputs: regular files only, bounded, symbolic links inside a directory only; errors name the path and
// what it is, never what a file holds.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSafeFsError, readRegularFile, readRegularFileInside } from '../../src/safe-fs/index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'talos-sim-safe-read-'));
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

describe('readRegularFile', () => {
  it('reads a regular file up to its limit, exactly at it too', () => {
    writeFileSync(join(root, 'f'), 'hello');
    expect(new TextDecoder().decode(readRegularFile(join(root, 'f'), { maxBytes: 5 }))).toBe('hello');
  });

  it('refuses a larger file before reading it, naming the limit', () => {
    writeFileSync(join(root, 'big'), 'x'.repeat(2049));
    expect(thrown(() => readRegularFile(join(root, 'big'), { maxBytes: 2048 }))).toEqual({
      kind: 'too-large',
      message: `${join(root, 'big')} is larger than the limit of 2048 bytes (2 KiB)`,
    });
  });

  it('reads files whose size says nothing, still bounded', () => {
    expect(readRegularFile('/proc/self/status', { maxBytes: 1 << 20 }).length).toBeGreaterThan(0);
    expect(thrown(() => readRegularFile('/proc/self/status', { maxBytes: 10 })).kind).toBe('too-large');
  });

  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/null', 'a character device'],
  ])('refuses %s without reading it', (path, what) => {
    expect(thrown(() => readRegularFile(path, { maxBytes: 1 << 30 }))).toEqual({
      kind: 'not-regular-file',
      message: `read ${path}: not a regular file (${what})`,
    });
  });

  it('refuses a FIFO without blocking, and a directory', () => {
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(thrown(() => readRegularFile(join(root, 'pipe'), { maxBytes: 10 }))).toEqual({
      kind: 'not-regular-file',
      message: `read ${join(root, 'pipe')}: not a regular file (a named pipe)`,
    });
    expect(thrown(() => readRegularFile(root, { maxBytes: 10 })).message).toBe(
      `read ${root}: not a regular file (a directory)`,
    );
  });

  it('follows a symbolic link the caller names unless told not to', () => {
    writeFileSync(join(root, 'f'), 'x');
    symlinkSync('f', join(root, 'l'));
    symlinkSync('/dev/zero', join(root, 'z'));
    expect(readRegularFile(join(root, 'l'), { maxBytes: 1 }).length).toBe(1);
    expect(thrown(() => readRegularFile(join(root, 'l'), { maxBytes: 1, followSymlinks: false })).kind).toBe('symlink');
    expect(thrown(() => readRegularFile(join(root, 'z'), { maxBytes: 1 })).kind).toBe('not-regular-file');
  });

  it('names a missing file as Go does', () => {
    expect(thrown(() => readRegularFile(join(root, 'nope'), { maxBytes: 1 }))).toEqual({
      kind: 'not-found',
      message: `open ${join(root, 'nope')}: no such file or directory`,
    });
  });
});

describe('readRegularFileInside', () => {
  beforeEach(() => {
    mkdirSync(join(root, 'layout/blobs'), { recursive: true });
    writeFileSync(join(root, 'layout/index.json'), '{}');
    writeFileSync(join(root, 'shadow'), 'root:$6$secret');
  });

  it('follows links that stay inside the directory', () => {
    symlinkSync('../index.json', join(root, 'layout/blobs/link'));
    expect(readRegularFileInside(join(root, 'layout'), 'blobs/link', { maxBytes: 10 }).length).toBe(2);
  });

  it('refuses links that leave it, without reading their target', () => {
    symlinkSync(join(root, 'shadow'), join(root, 'layout/blobs/abs'));
    symlinkSync('../../shadow', join(root, 'layout/blobs/rel'));
    symlinkSync(root, join(root, 'layout/up'));
    for (const path of ['blobs/abs', 'blobs/rel', 'up/shadow']) {
      const err = thrown(() => readRegularFileInside(join(root, 'layout'), path, { maxBytes: 100 }));
      expect(err).toEqual({
        kind: 'escapes-directory',
        message: `${join(root, 'layout', path)}: symbolic link leads outside ${join(root, 'layout')}`,
      });
      expect(err.message).not.toContain('secret');
    }
  });

  it('reports a missing file and refuses paths that climb out', () => {
    expect(thrown(() => readRegularFileInside(join(root, 'layout'), 'blobs/none', { maxBytes: 1 })).kind).toBe(
      'not-found',
    );
    expect(thrown(() => readRegularFileInside(join(root, 'layout'), '../shadow', { maxBytes: 100 })).kind).toBe(
      'invalid-path',
    );
  });
});

describe('readRegularFile against a writer that renames complete files into place', () => {
  it('reads one whole version every time, never "file changed while opened"', async () => {
    const target = join(root, 'state.json');
    writeFileSync(target, 'v0\n'.repeat(100));
    // another process replaces the file as fast as it can, as concurrent sim commands replace cluster.json
    const writer = spawn(process.execPath, [
      '-e',
      `const fs = require('node:fs');
       const end = Date.now() + 1500;
       for (let i = 1; Date.now() < end; i++) {
         fs.writeFileSync(${JSON.stringify(`${target}.tmp`)}, ('v' + i + '\\n').repeat(100));
         fs.renameSync(${JSON.stringify(`${target}.tmp`)}, ${JSON.stringify(target)});
       }`,
    ]);
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const versions = new Set<string>();
    try {
      while (writer.exitCode === null) {
        for (let i = 0; i < 200; i++) {
          const text = new TextDecoder().decode(readRegularFile(target, { maxBytes: 1 << 20, followSymlinks: false }));
          const lines = text.split('\n').slice(0, -1);
          expect(lines).toHaveLength(100);
          expect(new Set(lines).size).toBe(1);
          versions.add(lines[0] as string);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      writer.kill();
      await exited;
    }
    expect(versions.size).toBeGreaterThan(10);
  });
});
