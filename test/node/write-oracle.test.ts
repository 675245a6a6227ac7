// Writes through the node:fs facade of an overlay (a squashed random tree below, a memfs upper: a simulated node's
// writable root) against the same writes on disk: every call must succeed or fail as on disk, with the same error
// code, and the trees must match after every call (names, kinds, file contents, link targets). The one difference
// overlayfs has by design, EXDEV for renaming a directory with content in a lower layer (no redirect_dir), is
// accepted, and the rename is then not made on disk either. Two writes have no one answer on disk and are made on
// neither side: a recursive rm whose path goes through a symlink it removes (node walks the tree by path strings,
// so the result depends on the directory order the disk returns), and a rename that moves a relative symlink to where
// its `..` climbs above the tree (on disk it leaves the tree; at a real `/` it stops there).
import * as disk from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, rmDiffersByRuntime, snapshot, type Write, type WriteFs, write } from '../support/fs-writes.js';
import { randomTree, withTreeUnderTest } from '../support/random-tree.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '150');

/** The symlinks a path goes through on disk (their own real locations), walking its names one by one. */
function symlinksOnTheWay(root: string, path: string): string[] {
  const links: string[] = [];
  let at = root;
  for (const name of path.split('/').filter((n) => n !== '' && n !== '.')) {
    const next = name === '..' ? dirname(at) : join(at, name);
    try {
      if (disk.lstatSync(next).isSymbolicLink()) {
        links.push(next);
        at = disk.realpathSync(next);
      } else {
        at = next;
      }
    } catch {
      return links;
    }
  }
  return links;
}

/** Links below `dir` (or `dir` itself) whose relative target has more `..` than their depth below `root` allows. */
function climbsAboveRoot(root: string, from: string, toDepth: number): boolean {
  const walk = (path: string, depth: number): boolean => {
    let stat: disk.Stats;
    try {
      stat = disk.lstatSync(path);
    } catch {
      return false;
    }
    if (stat.isSymbolicLink()) {
      const target = disk.readlinkSync(path);
      if (target.startsWith('/')) return false;
      let level = depth - 1;
      for (const name of target.split('/')) {
        if (name === '..') level--;
        else if (name !== '' && name !== '.') level++;
        if (level < 0) return true;
      }
      return false;
    }
    if (!stat.isDirectory()) return false;
    return disk.readdirSync(path).some((name) => walk(join(path, name), depth + 1));
  };
  return from.startsWith(root) && walk(from, toDepth);
}

function undefinedOnDisk(root: string, w: Write): boolean {
  if (rmDiffersByRuntime(w)) return true;
  if (w.op === 'rm -r') {
    let real: string;
    try {
      real = disk.realpathSync(join(root, w.path));
    } catch {
      return false;
    }
    return symlinksOnTheWay(root, w.path).some((link) => link === real || link.startsWith(`${real}/`));
  }
  if (w.op === 'rename') {
    let parent: string;
    try {
      parent = disk.realpathSync(dirname(join(root, w.to)));
    } catch {
      return false;
    }
    // the depth below the root where the moved entry lands (1: directly in the root)
    const depth = relative(root, parent) === '' ? 1 : relative(root, parent).split('/').length + 1;
    return climbsAboveRoot(root, join(root, w.path), depth);
  }
  return false;
}

describe('writes through an overlay against the kernel', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'overlay-writes-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('succeed or fail as on disk, and leave the same tree', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(randomTree(2), fc.array(write, { minLength: 1, maxLength: 8 }), async (tree, writes) => {
        await withTreeUnderTest(tree, join(scratch, `t${n++}`), { upper: true }, ({ root, overlay }) => {
          for (const w of writes) {
            if (undefinedOnDisk(root, w)) continue;
            const ours = apply(overlay, '', w);
            if (ours === 'EXDEV' && w.op === 'rename') continue;
            expect(ours, JSON.stringify(w)).toBe(apply(disk as unknown as WriteFs, root, w));
            expect(snapshot(overlay, ''), `after ${JSON.stringify(w)}`).toEqual(
              snapshot(disk as unknown as WriteFs, root),
            );
          }
        });
      }),
      { numRuns: runs },
    );
  }, 60_000);
});
