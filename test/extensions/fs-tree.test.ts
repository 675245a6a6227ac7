// FsTree's walks at depth: a layer may hold a tree thousands of levels deep (a tarball of a few KB gzipped does), and
// walking or cloning it must not depend on the JavaScript stack; the order stays Go's filepath.WalkDir pre-order.
import { describe, expect, it } from 'vitest';
import { directoryNode, type FsDirectory, FsTree, fileNode } from '../../src/extensions/index.js';

/** `/a/a/…/a/f` with `depth` directories, built bottom-up. */
function deepTree(depth: number): FsTree {
  const tree = new FsTree();
  let dir: FsDirectory = tree.root;
  for (let i = 0; i < depth; i++) {
    const next = directoryNode();
    dir.entries.set('a', next);
    dir = next;
  }
  dir.entries.set('f', fileNode('deep'));
  return tree;
}

const DEPTH = 50_000;

describe('FsTree at depth', () => {
  it(`walks a tree ${DEPTH} levels deep`, () => {
    let visited = 0;
    let deepest = '';
    deepTree(DEPTH).walk((path, node) => {
      visited++;
      if (node.kind === 'file') deepest = path;
      return undefined;
    });
    expect([visited, deepest.length]).toEqual([DEPTH + 2, 2 * DEPTH + 2]);
  });

  it(`clones a tree ${DEPTH} levels deep, sharing no directory`, () => {
    const tree = deepTree(DEPTH);
    const copy = tree.clone();
    let a: FsDirectory = tree.root;
    let b: FsDirectory = copy.root;
    let shared = 0;
    for (let i = 0; i < DEPTH; i++) {
      if (a === b) shared++;
      a = a.entries.get('a') as FsDirectory;
      b = b.entries.get('a') as FsDirectory;
    }
    // (vitest's matchers would format these nested objects: compare references by hand)
    expect([shared, a === b, b.entries.get('f')?.kind]).toEqual([0, false, 'file']);
  });

  it('keeps the walk in Go order, pre-order, and skips what the visitor says to skip', () => {
    const tree = new FsTree();
    for (const p of ['/b/x', '/a/z/1', '/a/y', '/B', '/c/skip/me']) tree.put(p, fileNode(''));
    const seen: string[] = [];
    tree.walk((path) => {
      seen.push(path);
      return path === '/c' ? 'skip' : undefined;
    });
    expect(seen).toEqual(['/', '/B', '/a', '/a/y', '/a/z', '/a/z/1', '/b', '/b/x', '/c']);
  });
});
