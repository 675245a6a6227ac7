// Writes through the node:fs facade of an overlay (a squashed random tree below, a memfs upper: a simulated node's
// writable root) against the same writes on disk: every call must succeed or fail as on disk, with the same error
// code, and the trees must match after every call (names, kinds, file contents, link targets). The one difference
// overlayfs has by design, EXDEV for renaming a directory with content in a lower layer (no redirect_dir), is
// accepted, and the rename is then not made on disk either.
import * as disk from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, snapshot, type WriteFs, write } from '../support/fs-writes.js';
import { randomTree, withTreeUnderTest } from '../support/random-tree.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '150');

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
