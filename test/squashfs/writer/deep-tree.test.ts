// Trees thousands of levels deep, which mksquashfs stores: reading the source, laying the tree out and writing it
// walk with explicit stacks, so depth is bounded by memory and not by the JavaScript stack. The image is read back
// by our reader and listed by unsquashfs; built from disk, it lists exactly as mksquashfs's image does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildSquashfs,
  type DirectoryTreeFs,
  readDirectoryTree,
  SquashfsImage,
  type SquashfsSourceDirectory,
  type SquashfsSourceNode,
} from '../../../src/squashfs/index.js';
import { itWithOracles } from '../../support/oracles.js';
import { sim } from '../../support/run-sim.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sim-squashfs-deep-'));
});
// rm(1): Node's recursive rmSync itself recurses once per level
afterAll(() => execFileSync('rm', ['-rf', scratch]));

const meta = { mode: 0o755, uid: 0, gid: 0, mtime: 1_700_000_000 };

/** `a/a/…/a/f` (`depth` directories named `a`, the file `f` holding "deep") built bottom-up, without recursion. */
function deepTree(depth: number): SquashfsSourceDirectory {
  const bytes = new TextEncoder().encode('deep');
  let node: SquashfsSourceNode = { kind: 'file', size: bytes.length, read: () => bytes, ...meta, mode: 0o644 };
  let name = 'f';
  for (let i = 0; i < depth; i++) {
    node = { kind: 'directory', entries: new Map([[name, node]]), ...meta };
    name = 'a';
  }
  return { kind: 'directory', entries: new Map([[name, node]]), ...meta };
}

const DEPTH = 3000;
const deepPath = (depth: number) => `${'/a'.repeat(depth)}/f`;

itWithOracles(['unsquashfs'])(`writes a tree ${DEPTH} levels deep, which reads back and unsquashfs lists`, async () => {
  const { image, summary } = await buildSquashfs(deepTree(DEPTH), { compressor: 'gzip' });
  expect(summary.inodes).toBe(DEPTH + 2);
  const read = await SquashfsImage.open(image);
  try {
    expect(new TextDecoder().decode(read.readFile(deepPath(DEPTH)))).toBe('deep');
    expect([...read.walk()].length).toBe(DEPTH + 2);
  } finally {
    read.close();
  }
  const file = join(scratch, 'deep.sqsh');
  writeFileSync(file, image);
  const listing = execFileSync('unsquashfs', ['-lln', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const lines = listing.trimEnd().split('\n');
  expect(lines.length).toBe(DEPTH + 2);
  expect(lines.at(-1)).toMatch(new RegExp(` squashfs-root${deepPath(DEPTH)}$`));
});

// a path on disk stays under PATH_MAX (4096 bytes) at 1900 levels of `a/`, deep enough to overflow a recursive walk
const DISK_DEPTH = 1900;

itWithOracles(['mksquashfs', 'unsquashfs'])(
  `builds a directory ${DISK_DEPTH} levels deep as mksquashfs does (sim squashfs build)`,
  async () => {
    const src = join(scratch, 'src');
    mkdirSync(join(src, 'a/'.repeat(DISK_DEPTH)), { recursive: true });
    writeFileSync(join(src, `${'a/'.repeat(DISK_DEPTH)}f`), 'deep');
    expect(readDirectoryTree(src).entries.has('a')).toBe(true);
    const ours = join(scratch, 'ours.sqsh');
    const theirs = join(scratch, 'theirs.sqsh');
    const run = await sim(['squashfs', 'build', '--no-xattrs', '--mkfs-time', '0', src, ours], { cwd: scratch });
    expect([run.code, run.stderr]).toEqual([0, '']);
    execFileSync('mksquashfs', [src, theirs, '-noappend', '-no-xattrs', '-mkfs-time', '0', '-quiet', '-no-progress']);
    const list = (f: string) => execFileSync('unsquashfs', ['-lln', f], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const expected = list(theirs);
    expect(expected.trimEnd().split('\n').length).toBe(DISK_DEPTH + 2);
    expect(list(ours)).toBe(expected);
  },
);

/**
 * A volume holding `/v/a/a/…/a/f` (`depth` directories), each call answered from the path's length alone: a source
 * deeper than a path on disk can be (PATH_MAX), through readDirectoryTree's injectable fs.
 */
function deepVolume(depth: number): DirectoryTreeFs {
  const levelOf = (path: string | Buffer) => (String(path).length - '/v'.length) / 2;
  const stats = (dir: boolean) => ({
    mode: dir ? 0o40755 : 0o100644,
    uid: 0,
    gid: 0,
    mtimeMs: 0,
    size: dir ? 0 : 4,
    dev: 1,
    ino: 0,
    rdev: 0,
    isDirectory: () => dir,
    isFile: () => !dir,
    isSymbolicLink: () => false,
    isCharacterDevice: () => false,
    isBlockDevice: () => false,
    isFIFO: () => false,
    isSocket: () => false,
  });
  return {
    lstatSync: (path) => stats(!String(path).endsWith('/f')),
    readdirSync: (path) => (levelOf(path) < depth ? ['a'] : ['f']),
    readlinkSync: () => {
      throw new Error('no symlinks here');
    },
    openSync: () => 3,
    readSync: (_fd, buffer, offset, length, position) => {
      const n = Math.max(0, Math.min(length, 4 - position));
      buffer.set(new TextEncoder().encode('deep').subarray(position, position + n), offset);
      return n;
    },
    closeSync: () => {},
  };
}

it('reads a source directory 10000 levels deep', () => {
  let node: SquashfsSourceNode | undefined = readDirectoryTree('/v', { fs: deepVolume(10_000) });
  let levels = 0;
  for (; node?.kind === 'directory'; levels++) node = node.entries.get('a') ?? node.entries.get('f');
  expect([levels, node?.kind]).toEqual([10_001, 'file']);
});
