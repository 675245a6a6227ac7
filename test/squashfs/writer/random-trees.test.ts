// Random trees (fast-check) written three ways — by mksquashfs from the tree on disk, by our
// writer from the same directory, and by our writer from an FsTree holding the same tree in
// memory — must agree: unsquashfs lists both images identically and extracts the same bytes,
// our reader sees the same inodes in both, and the disk and in-memory sources give the same
// bytes. Runs: FC_NUM_RUNS (default 40).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lchownSync,
  linkSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  directoryNode,
  type FsDirectory,
  type FsFile,
  FsTree,
  fileNode,
  symlinkNode,
} from '../../../src/extensions/fs-tree.js';
import {
  buildSquashfs,
  readDirectoryTree,
  SquashfsImage,
  type SquashfsSourceDirectory,
  type SquashfsWriteOptions,
  writeSquashfs,
} from '../../../src/squashfs/index.js';
import { describeWithOracles } from '../../support/oracles.js';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 40);
const BS = 4096;
const isRoot = process.getuid?.() === 0;

type Model =
  | { kind: 'file'; content: Uint8Array; mode: number; uid: number; gid: number; mtime: number }
  | { kind: 'link'; to: number }
  | { kind: 'symlink'; target: string; uid: number; gid: number; mtime: number }
  | { kind: 'dir'; entries: [string, Model][]; mode: number; uid: number; gid: number; mtime: number };

const owner = {
  uid: fc.constantFrom(0, 1, 1000, 65534),
  gid: fc.constantFrom(0, 6, 1000),
  mtime: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
};
const name = fc.oneof(
  fc.stringMatching(/^[a-z0-9._-]{1,12}$/).filter((n) => n !== '.' && n !== '..'),
  fc.constantFrom('é', '名前', 'with space', `${'n'.repeat(200)}`, '-dash'),
);
const pattern = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constant(new TextEncoder().encode('kernel module firmware ')),
  fc.constant(new Uint8Array(1)),
);
/** Sizes around the block and fragment boundaries, contents compressible, random or zero. */
const content = fc
  .tuple(fc.constantFrom(0, 1, 100, BS - 1, BS, BS + 1, 2 * BS + 7, 3 * BS, 5000, 9000), pattern)
  .map(([size, p]) => {
    const out = new Uint8Array(size);
    if (p.length > 0) for (let i = 0; i < size; i++) out[i] = p[i % p.length] as number;
    return out;
  });
const file = fc.record({
  kind: fc.constant('file' as const),
  content,
  mode: fc.integer({ min: 0, max: 0o7777 }),
  ...owner,
});
const symlink = fc.record({
  kind: fc.constant('symlink' as const),
  target: fc.constantFrom('a', '../x/y', '/etc/hello', 'é'),
  ...owner,
});
const link = fc.record({ kind: fc.constant('link' as const), to: fc.nat() });
const { tree } = fc.letrec<{ tree: Model; node: Model }>((tie) => ({
  tree: fc.record({
    kind: fc.constant('dir' as const),
    entries: fc.uniqueArray(fc.tuple(name, tie('node')), { maxLength: 6, selector: ([n]) => n }),
    mode: fc.integer({ min: 0o700, max: 0o7777 }),
    ...owner,
  }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, file, file, symlink, link, tie('tree')),
}));
const options = fc.record({
  compressor: fc.constantFrom('gzip', 'zstd', 'none', 'xz'),
  fragments: fc.boolean(),
  alwaysUseFragments: fc.boolean(),
  duplicates: fc.boolean(),
  sparse: fc.boolean(),
  exports: fc.boolean(),
  allRoot: fc.boolean(),
});

function mksquashfsArgs(o: typeof options extends fc.Arbitrary<infer T> ? T : never): string[] {
  const args = ['-b', String(BS), '-comp', o.compressor === 'none' ? 'gzip' : o.compressor];
  if (o.compressor === 'none') args.push('-noI', '-noD', '-noF', '-noX');
  if (!o.fragments) args.push('-no-fragments');
  if (o.alwaysUseFragments) args.push('-always-use-fragments');
  if (!o.duplicates) args.push('-no-duplicates');
  if (!o.sparse) args.push('-no-sparse');
  if (!o.exports) args.push('-no-exports');
  if (o.allRoot) args.push('-all-root');
  return args;
}

/** Writes the model to disk and builds the same tree as an FsTree; hard links point at earlier files. */
function materialize(model: Model & { kind: 'dir' }, dir: string): FsTree {
  const files: { path: string; node: FsFile }[] = [];
  const own = (m: { uid: number; gid: number }) =>
    isRoot ? m : { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const fill = (m: Model & { kind: 'dir' }, path: string, into: FsDirectory): void => {
    for (const [n, child] of m.entries) {
      const p = join(path, n);
      if (child.kind === 'dir') {
        mkdirSync(p);
        const d = directoryNode({ mode: child.mode, ...own(child), mtime: child.mtime });
        into.entries.set(n, d);
        fill(child, p, d);
        if (isRoot) lchownSync(p, child.uid, child.gid);
        chmodSync(p, child.mode);
        lutimesSync(p, child.mtime, child.mtime);
      } else if (child.kind === 'file') {
        writeFileSync(p, child.content);
        // chown before chmod: chown clears setuid and setgid
        if (isRoot) lchownSync(p, child.uid, child.gid);
        chmodSync(p, child.mode);
        lutimesSync(p, child.mtime, child.mtime);
        const node = fileNode(child.content, { mode: child.mode, ...own(child), mtime: child.mtime });
        into.entries.set(n, node);
        files.push({ path: p, node });
      } else if (child.kind === 'symlink') {
        symlinkSync(child.target, p);
        if (isRoot) lchownSync(p, child.uid, child.gid);
        lutimesSync(p, child.mtime, child.mtime);
        into.entries.set(n, symlinkNode(child.target, { ...own(child), mtime: child.mtime }));
      } else if (files.length > 0) {
        const target = files[child.to % files.length] as { path: string; node: FsFile };
        linkSync(target.path, p);
        into.entries.set(n, target.node);
      }
    }
  };
  const root = directoryNode({ mode: model.mode, ...own(model), mtime: model.mtime });
  fill(model, dir, root);
  if (isRoot) lchownSync(dir, model.uid, model.gid);
  chmodSync(dir, model.mode);
  lutimesSync(dir, model.mtime, model.mtime);
  return new FsTree(root);
}

async function readerView(path: string): Promise<unknown[]> {
  const image = await SquashfsImage.open(path);
  try {
    return [...image.walk()].map((e) => ({
      ...e,
      sha: e.stats.kind === 'file' ? createHash('sha256').update(image.readFile(e.path)).digest('hex') : undefined,
    }));
  } finally {
    image.close();
  }
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sim-squashfs-random-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeWithOracles(['mksquashfs', 'unsquashfs'])('random trees', () => {
  it('are written as mksquashfs writes them, from disk and from an FsTree alike', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(tree, options, async (model, o) => {
        const dir = join(scratch, `t${run++}`);
        mkdirSync(dir);
        try {
          mkdirSync(join(dir, 'src'));
          const fsTree = materialize(model as Model & { kind: 'dir' }, join(dir, 'src'));
          const writeOptions: SquashfsWriteOptions = { ...o, blockSize: BS, mkfsTime: 1700000000, workers: 0 };
          const ours = join(dir, 'ours.sqsh');
          const ref = join(dir, 'ref.sqsh');
          await writeSquashfs(readDirectoryTree(join(dir, 'src')), ours, writeOptions);
          execFileSync('mksquashfs', [
            join(dir, 'src'),
            ref,
            '-noappend',
            '-no-progress',
            '-quiet',
            '-mkfs-time',
            '1700000000',
            ...mksquashfsArgs(o),
          ]);
          const list = (img: string) =>
            execFileSync('unsquashfs', ['-lln', img], { encoding: 'utf8' }).replaceAll(img, '');
          expect(list(ours)).toBe(list(ref));
          expect(await readerView(ours)).toEqual(await readerView(ref));
          for (const [img, out] of [
            [ours, 'x-ours'],
            [ref, 'x-ref'],
          ] as const) {
            execFileSync('unsquashfs', ['-q', '-n', '-d', join(dir, out), img], { stdio: 'ignore' });
          }
          const tar = (d: string) => execFileSync('tar', ['-C', join(dir, d), '--sort=name', '-cf', '-', '.']);
          expect(createHash('sha256').update(tar('x-ours')).digest('hex')).toBe(
            createHash('sha256').update(tar('x-ref')).digest('hex'),
          );
          const fromMemory = await buildSquashfs(fsTree.root as SquashfsSourceDirectory, writeOptions);
          expect(Buffer.compare(Buffer.from(fromMemory.image), readFileSync(ours))).toBe(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
