// Random trees of directories, files and relative symlinks for differential tests against the kernel: the same
// tree is built on disk (the oracle) and in whatever is under test. Symlink targets climb with leading ".." at most
// to the tree's root and then only go down (never absolute), so nothing resolved on disk can leave the tree.
import { lutimesSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Volume } from 'memfs';
import { squashfsLayer } from '../../src/node/squashfs-layer.js';
import { createNodeFs, type NodeFs, Overlay } from '../../src/overlayfs-sim/index.js';
import { buildSquashfs, readDirectoryTree, SquashfsImage } from '../../src/squashfs/index.js';

export const NAMES = ['a', 'b', 'c', 'd'] as const;

export type TreeSpec =
  | { readonly kind: 'file' }
  | { readonly kind: 'dir'; readonly entries: ReadonlyMap<string, TreeSpec> }
  | { readonly kind: 'symlink'; readonly target: string };

/** Up to two leading ".." (cut to what the link's depth allows by randomTree), then names. */
const target = fc
  .tuple(
    fc.constantFrom('', '', '../', '../../'),
    fc.array(fc.constantFrom(...NAMES, '.'), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([up, parts, slash]) => up + parts.join('/') + (slash ? '/' : ''));

const node: fc.Memo<TreeSpec> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(
        fc.constant<TreeSpec>({ kind: 'file' }),
        target.map((t): TreeSpec => ({ kind: 'symlink', target: t })),
      )
    : fc.oneof(
        { arbitrary: fc.constant<TreeSpec>({ kind: 'file' }), weight: 2 },
        { arbitrary: target.map((t): TreeSpec => ({ kind: 'symlink', target: t })), weight: 3 },
        { arbitrary: directory(depth - 1), weight: 3 },
      ),
);

function directory(depth: number): fc.Arbitrary<TreeSpec> {
  return fc
    .subarray([...NAMES], { minLength: 1 })
    .chain((names) => fc.tuple(...names.map((n) => node(depth).map((child) => [n, child] as const))))
    .map((entries): TreeSpec => ({ kind: 'dir', entries: new Map(entries) }));
}

/** A link target that climbs no higher than the root from a link `level` directories below it. */
function withinRoot(target: string, level: number): string {
  let t = target;
  let ups = 0;
  while (t.startsWith('../')) {
    t = t.slice(3);
    ups++;
  }
  return '../'.repeat(Math.min(ups, level)) + t;
}

function keepWithinRoot(tree: TreeSpec, level: number): TreeSpec {
  if (tree.kind !== 'dir') return tree;
  const entries = new Map<string, TreeSpec>();
  for (const [name, child] of tree.entries) {
    entries.set(
      name,
      child.kind === 'symlink'
        ? { kind: 'symlink', target: withinRoot(child.target, level) }
        : keepWithinRoot(child, level + 1),
    );
  }
  return { kind: 'dir', entries };
}

/** A directory of one to four entries, nested up to `depth` levels; links never climb above it. */
export function randomTree(depth: number): fc.Arbitrary<TreeSpec> {
  return directory(depth).map((tree) => keepWithinRoot(tree, 0));
}

/** Writes the tree under `root` (which exists), every node with its own mtime: whole seconds, as squashfs keeps. */
export function materialise(tree: TreeSpec, root: string): void {
  let clock = 1_600_000_000;
  const write = (n: TreeSpec, path: string): void => {
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

/** One tree three ways: on disk under `root`, as a squashfs image of that directory, and as a simulated node's root. */
export interface TreeUnderTest {
  readonly root: string;
  readonly image: SquashfsImage;
  /** The node:fs facade of an overlay with the image as its lower layer (writable with `upper`). */
  readonly overlay: NodeFs;
}

/** Builds `tree` at `root` (which must not exist), squashes it, runs `check`, and removes it all again. */
export async function withTreeUnderTest(
  tree: TreeSpec,
  root: string,
  options: { readonly upper?: boolean },
  check: (t: TreeUnderTest) => void,
): Promise<void> {
  mkdirSync(root);
  try {
    materialise(tree, root);
    const { image: bytes } = await buildSquashfs(readDirectoryTree(root), { compressor: 'none' });
    const image = await SquashfsImage.open(bytes);
    try {
      const lowers = [squashfsLayer(image, 'lower')];
      const overlay = createNodeFs(new Overlay(options.upper === true ? { lowers, upper: new Volume() } : { lowers }));
      check({ root, image, overlay });
    } finally {
      image.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
