// The trees of make-sqsh-fixtures.sh as writer sources, with the script's pseudo definitions
// applied the way mksquashfs applies them, and the options matching each image it builds.
import { join } from 'node:path';
import {
  getfattrXattrReader,
  readDirectoryTree,
  type SquashfsSourceDirectory,
  type SquashfsSourceNode,
  type SquashfsWriteOptions,
} from '../../../src/squashfs/index.js';
import { fixturesDir } from '../fixtures.js';

export const T0 = 1700000000;

export interface FixtureImage {
  /** Image and expected listing name in the fixture set. */
  readonly name: string;
  /** Source directory under the fixture dir. */
  readonly src: 'src' | 'empty-src' | 'one-src';
  /** Whether the script added its pseudo definitions (devices, fifo, socket, ownership). */
  readonly pseudo: boolean;
  readonly options: SquashfsWriteOptions;
}

const zstd = { compressor: 'zstd' } as const;

/** Every image of the script the writer can produce (lz4, lzo, lzma and BCJ are read-only here). */
export const FIXTURE_IMAGES: readonly FixtureImage[] = [
  { name: 'comp-gzip', src: 'src', pseudo: true, options: { compressor: 'gzip' } },
  { name: 'comp-xz', src: 'src', pseudo: true, options: { compressor: 'xz' } },
  { name: 'comp-zstd', src: 'src', pseudo: true, options: zstd },
  { name: 'talos-ext-zstd', src: 'src', pseudo: false, options: { compressor: 'zstd', level: 18, allRoot: true } },
  { name: 'talos-ext-xz', src: 'src', pseudo: false, options: { compressor: 'xz', allRoot: true } },
  { name: 'opt-gzip-l9-w12', src: 'src', pseudo: true, options: { compressor: 'gzip', level: 9, gzipWindowSize: 12 } },
  { name: 'opt-zstd-l3', src: 'src', pseudo: true, options: { compressor: 'zstd', level: 3 } },
  { name: 'var-uncompressed', src: 'src', pseudo: true, options: { compressor: 'none' } },
  { name: 'var-b4k', src: 'src', pseudo: true, options: { ...zstd, blockSize: 4096 } },
  { name: 'var-b1m', src: 'src', pseudo: true, options: { ...zstd, blockSize: 1 << 20 } },
  { name: 'var-no-fragments', src: 'src', pseudo: true, options: { ...zstd, fragments: false } },
  { name: 'var-tailends', src: 'src', pseudo: true, options: { ...zstd, alwaysUseFragments: true } },
  { name: 'var-no-exports', src: 'src', pseudo: true, options: { ...zstd, exports: false } },
  { name: 'var-no-xattrs', src: 'src', pseudo: true, options: { ...zstd, xattrs: false } },
  { name: 'var-no-sparse', src: 'src', pseudo: true, options: { ...zstd, sparse: false } },
  { name: 'var-no-dupes', src: 'src', pseudo: true, options: { ...zstd, duplicates: false } },
  { name: 'var-nopad', src: 'src', pseudo: true, options: { ...zstd, pad: false } },
  { name: 'tiny-empty', src: 'empty-src', pseudo: false, options: zstd },
  { name: 'tiny-one-file', src: 'one-src', pseudo: false, options: { compressor: 'xz' } },
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function child(root: SquashfsSourceDirectory, path: string): SquashfsSourceNode {
  let node: SquashfsSourceNode = root;
  for (const name of path.split('/')) {
    if (node.kind !== 'directory') throw new Error(`${path}: not a directory`);
    const next = node.entries.get(name);
    if (next === undefined) throw new Error(`${path}: missing`);
    node = next;
  }
  return node;
}

/** The script's `-p` definitions: upper-case types carry mtime T0; `m` changes mode and owner. */
function applyPseudo(root: SquashfsSourceDirectory): void {
  const dev = child(root, 'dev') as SquashfsSourceDirectory;
  const run = child(root, 'run') as SquashfsSourceDirectory;
  const owner = (mode: number, uid: number, gid: number) => ({ mode, uid, gid, mtime: T0 });
  const devEntries = dev.entries as Map<string, SquashfsSourceNode>;
  devEntries.set('null', { kind: 'char-device', major: 1, minor: 3, ...owner(0o666, 0, 0) });
  devEntries.set('sda', { kind: 'block-device', major: 8, minor: 0, ...owner(0o660, 0, 6) });
  devEntries.set('big-minor', { kind: 'char-device', major: 240, minor: 70000, ...owner(0o600, 0, 0) });
  const runEntries = run.entries as Map<string, SquashfsSourceNode>;
  runEntries.set('fifo', { kind: 'fifo', ...owner(0o644, 0, 0) });
  runEntries.set('socket', { kind: 'socket', ...owner(0o755, 0, 0) });
  for (const [path, mode, uid, gid] of [
    ['etc/hello.txt', 0o644, 1000, 1000],
    ['usr/bin/tool', 0o755, 0, 50],
    ['many/d00', 0o750, 65534, 65534],
  ] as const) {
    Object.assign(child(root, path) as Mutable<SquashfsSourceNode>, { mode, uid, gid });
  }
}

/** The source tree of a fixture image, xattrs included (read with getfattr). */
export function fixtureSource(image: FixtureImage): SquashfsSourceDirectory {
  const dir = join(fixturesDir(), image.src);
  const xattrs = getfattrXattrReader(dir);
  const root = readDirectoryTree(dir, xattrs === undefined ? {} : { xattrs });
  if (image.pseudo) applyPseudo(root);
  return root;
}
