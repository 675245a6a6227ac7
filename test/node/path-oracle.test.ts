// Path lookups of the node's filesystem stack against the Linux kernel: random trees of directories, files and
// relative symlinks (chains, loops, dangling, through files) are built on disk and squashed; random paths are then
// resolved by node:fs on disk, by the squashfs reader in the image, and by the node:fs facade of an overlay with the
// image as its lower layer (what a simulated node's root is made of), and must all end the same way. Every node gets its own mtime, so
// "the same way" means the same node or the same error code. Paths and symlink targets never climb above the
// root (on disk that would leave the tree, in an image it stops at the root): ".." only undoes a step into a
// real directory, and targets only go down.
import {
  lstatSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squashfsLayer } from '../../src/node/squashfs-layer.js';
import { createNodeFs, type NodeFs, Overlay } from '../../src/overlayfs-sim/index.js';
import { buildSquashfs, readDirectoryTree, SquashfsImage } from '../../src/squashfs/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '200');
const NAMES = ['a', 'b', 'c', 'd'] as const;

type Node =
  | { readonly kind: 'file' }
  | { readonly kind: 'dir'; readonly entries: ReadonlyMap<string, Node> }
  | { readonly kind: 'symlink'; readonly target: string };

const target = fc
  .array(fc.constantFrom(...NAMES, '.'), { minLength: 1, maxLength: 3 })
  .chain((parts) => fc.boolean().map((slash) => parts.join('/') + (slash ? '/' : '')));

const node: fc.Memo<Node> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(
        fc.constant<Node>({ kind: 'file' }),
        target.map((t): Node => ({ kind: 'symlink', target: t })),
      )
    : fc.oneof(
        { arbitrary: fc.constant<Node>({ kind: 'file' }), weight: 2 },
        { arbitrary: target.map((t): Node => ({ kind: 'symlink', target: t })), weight: 3 },
        { arbitrary: directory(depth - 1), weight: 3 },
      ),
);

function directory(depth: number): fc.Arbitrary<Node> {
  return fc
    .subarray([...NAMES], { minLength: 1 })
    .chain((names) => fc.tuple(...names.map((n) => node(depth).map((child) => [n, child] as const))))
    .map((entries): Node => ({ kind: 'dir', entries: new Map(entries) }));
}

/** Writes the tree under `root`, every node with its own mtime (seconds, as squashfs stores them). */
function materialise(tree: Node, root: string): void {
  let clock = 1_600_000_000;
  const write = (n: Node, path: string): void => {
    if (n.kind === 'dir') {
      if (path !== root) mkdirSync(path);
      for (const [name, child] of n.entries) write(child, join(path, name));
    } else if (n.kind === 'file') {
      writeFileSync(path, path);
    } else {
      symlinkSync(n.target, path);
    }
    clock += 1;
    if (n.kind === 'symlink') lutimesSync(path, clock, clock);
    else utimesSync(path, clock, clock);
  };
  write(tree, root);
}

/** A query: a walk through real entries that may step into an entry and back out with "..", then any names. */
function query(tree: Node): fc.Arbitrary<string> {
  const walk = (dir: Node, steps: number): fc.Arbitrary<string[]> => {
    if (dir.kind !== 'dir' || steps === 0) return fc.constant([]);
    const real = [...dir.entries].filter(([, n]) => n.kind !== 'symlink');
    if (real.length === 0) return fc.constant([]);
    return fc.constantFrom(...real).chain(([name, child]) =>
      fc.oneof(
        walk(child, steps - 1).map((rest) => [name, ...rest]),
        walk(dir, steps - 1).map((rest) => [name, '..', ...rest]),
        fc.constant<string[]>([]),
      ),
    );
  };
  return fc
    .tuple(
      walk(tree, 3),
      fc.array(fc.constantFrom(...NAMES, '.', 'missing'), { maxLength: 3 }),
      fc.constantFrom('', '/', '/.'),
    )
    .map(([prefix, tail, end]) => {
      const parts = [...prefix, ...tail];
      return parts.length === 0 ? '.' : parts.join('/') + end;
    });
}

/** What an answer is compared by: the node (its mtime, unique in the tree), a text, or a list of names. */
type Answer = number | string | readonly string[];

interface Operation {
  readonly name: string;
  /** On disk, `disk` being the path under the tree's root. */
  readonly kernel: (disk: string, root: string) => Answer;
  /** In the image; absent where the reader has no such call. */
  readonly image?: (image: SquashfsImage, p: string) => Answer;
  /** Through the node:fs facade of an overlay over the image, at `/p`. */
  readonly overlay: (fs: NodeFs, p: string) => Answer;
}

const sorted = (names: readonly string[]): readonly string[] => [...names].sort();

const OPERATIONS: readonly Operation[] = [
  {
    name: 'lstat',
    kernel: (d) => lstatSync(d).mtimeMs / 1000,
    image: (i, p) => i.lstat(p).mtime,
    overlay: (fs, p) => fs.lstatSync(p).mtimeMs / 1000,
  },
  {
    name: 'stat',
    kernel: (d) => statSync(d).mtimeMs / 1000,
    image: (i, p) => i.stat(p).mtime,
    overlay: (fs, p) => fs.statSync(p).mtimeMs / 1000,
  },
  {
    name: 'readlink',
    kernel: (d) => readlinkSync(d),
    image: (i, p) => i.readlink(p),
    overlay: (fs, p) => fs.readlinkSync(p),
  },
  {
    name: 'readFile',
    kernel: (d) => readFileSync(d, 'utf8'),
    image: (i, p) => Buffer.from(i.readFile(p)).toString('utf8'),
    overlay: (fs, p) => fs.readFileSync(p, 'utf8'),
  },
  {
    name: 'readdir',
    kernel: (d) => sorted(readdirSync(d)),
    image: (i, p) => sorted(i.readdir(p).map((e) => e.name)),
    overlay: (fs, p) => sorted(fs.readdirSync(p)),
  },
  {
    // node's JavaScript walk: lexical "..", trailing slashes dropped
    name: 'realpath',
    kernel: (d, root) => realpathSync(d).slice(realpathSync(root).length) || '/',
    overlay: (fs, p) => fs.realpathSync(p),
  },
  {
    name: 'realpath.native',
    kernel: (d, root) => realpathSync.native(d).slice(realpathSync.native(root).length) || '/',
    overlay: (fs, p) => fs.realpathSync.native(p),
  },
];

/** The answer, or the error code. */
function outcome(answer: () => Answer): string {
  try {
    return JSON.stringify(answer());
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** Builds `tree` under `root`, squashes it, and checks every operation on every path against the kernel's. */
async function expectKernelLookups(tree: Node, paths: readonly string[], root: string): Promise<void> {
  mkdirSync(root);
  materialise(tree, root);
  const { image: bytes } = await buildSquashfs(readDirectoryTree(root), { compressor: 'none' });
  const image = await SquashfsImage.open(bytes);
  const overlay = createNodeFs(new Overlay({ lowers: [squashfsLayer(image, 'layer')] }));
  try {
    for (const p of paths) {
      // concatenated, not joined: path.join would fold "x/.." before the kernel sees it
      const disk = `${root}/${p}`;
      for (const op of OPERATIONS) {
        const kernel = outcome(() => op.kernel(disk, root));
        if (op.image !== undefined) {
          const viaImage = op.image;
          expect(
            outcome(() => viaImage(image, p)),
            `image ${op.name} ${p}`,
          ).toBe(kernel);
        }
        expect(
          outcome(() => op.overlay(overlay, `/${p}`)),
          `overlay ${op.name} ${p}`,
        ).toBe(kernel);
      }
    }
  } finally {
    image.close();
    rmSync(root, { recursive: true, force: true });
  }
}

describe('path lookups against the kernel (and node:fs)', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sqsh-paths-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('answer as node:fs on disk does, in the image and through an overlay: same answer or same error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        directory(3).chain((tree) =>
          fc.tuple(fc.constant(tree), fc.array(query(tree), { minLength: 1, maxLength: 20 })),
        ),
        ([tree, paths]) => expectKernelLookups(tree, paths, join(scratch, `t${n++}`)),
      ),
      { numRuns: runs },
    );
  }, 60_000);

  // cases the property found, kept as they were found
  it('needs a directory at the end of a symlink whose target ends in a slash, and one before "." or ".."', async () => {
    const tree: Node = {
      kind: 'dir',
      entries: new Map<string, Node>([
        ['a', { kind: 'file' }],
        ['b', { kind: 'symlink', target: 'a/' }],
        ['c', { kind: 'symlink', target: 'b' }],
      ]),
    };
    // the kernel says: stat b, stat c, c/, a/.., a/. and b/.. are ENOTDIR; lstat b and c are the links
    await expectKernelLookups(tree, ['b', 'c', 'c/', 'a/..', 'a/.', 'b/..'], join(scratch, 'fixed'));
  });
});
