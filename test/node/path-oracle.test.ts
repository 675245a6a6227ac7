// Path lookups of the node's filesystem stack against the Linux kernel (and node:fs): random trees of directories,
// files and relative symlinks (chains, loops, dangling, through files) are built on disk and squashed; random paths
// are then resolved by node:fs on disk, by the squashfs reader in the image, and by the node:fs facade of an overlay
// with the image as its lower layer (what a simulated node's root is made of), and must end the same way: the same
// node (each has its own mtime), text or names, or the same error code. Paths never climb above the root (on disk
// that would leave the tree, in an image it stops at the root): ".." only undoes a step into a real directory.
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeFs } from '../../src/overlayfs-sim/index.js';
import type { SquashfsImage } from '../../src/squashfs/index.js';
import { NAMES, randomTree, type TreeSpec, withTreeUnderTest } from '../support/random-tree.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '200');
/** A query: a walk through real entries that may step into an entry and back out with "..", then any names. */
function query(tree: TreeSpec): fc.Arbitrary<string> {
  const walk = (dir: TreeSpec, steps: number): fc.Arbitrary<string[]> => {
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
async function expectKernelLookups(tree: TreeSpec, paths: readonly string[], root: string): Promise<void> {
  await withTreeUnderTest(tree, root, {}, ({ image, overlay }) => {
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
  });
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
        randomTree(3).chain((tree) =>
          fc.tuple(fc.constant(tree), fc.array(query(tree), { minLength: 1, maxLength: 20 })),
        ),
        ([tree, paths]) => expectKernelLookups(tree, paths, join(scratch, `t${n++}`)),
      ),
      { numRuns: runs },
    );
  }, 60_000);

  // cases the property found, kept as they were found
  it('needs a directory at the end of a symlink whose target ends in a slash, and one before "." or ".."', async () => {
    const tree: TreeSpec = {
      kind: 'dir',
      entries: new Map<string, TreeSpec>([
        ['a', { kind: 'file' }],
        ['b', { kind: 'symlink', target: 'a/' }],
        ['c', { kind: 'symlink', target: 'b' }],
      ]),
    };
    // the kernel says: stat b, stat c, c/, a/.., a/. and b/.. are ENOTDIR; lstat b and c are the links
    await expectKernelLookups(tree, ['b', 'c', 'c/', 'a/..', 'a/.', 'b/..'], join(scratch, 'fixed'));
  });
});
