// The images a kept cluster keeps: any tree comes back as it went in (kinds, metadata, contents, hard links), and
// bytes that are not a kept image (the state directory is the user's) are refused with KeptImageError, never a crash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeKeptImage,
  encodeKeptImage,
  isKeptImageError,
  keepImage,
  keptImage,
} from '../../src/cluster/kept-image-store.js';
import {
  deviceNode,
  directoryNode,
  type FsNode,
  FsTree,
  fileNode,
  imageDigest,
  specialNode,
  symlinkNode,
} from '../../src/extensions/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '100');

const meta = fc.record({
  mode: fc.integer({ min: 0, max: 0o7777 }),
  uid: fc.integer({ min: 0, max: 65535 }),
  gid: fc.integer({ min: 0, max: 65535 }),
  mtime: fc.integer({ min: 0, max: 2 ** 32 }),
});
const leaf: fc.Arbitrary<FsNode> = fc.oneof(
  fc.tuple(fc.uint8Array({ maxLength: 64 }), meta).map(([bytes, m]) => fileNode(bytes, m)),
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), meta).map(([target, m]) => symlinkNode(target, m)),
  fc
    .tuple(fc.constantFrom('char-device' as const, 'block-device' as const), fc.nat(255), fc.nat(255), meta)
    .map(([kind, major, minor, m]) => deviceNode(kind, major, minor, m)),
  fc.tuple(fc.constantFrom('fifo' as const, 'socket' as const), meta).map(([kind, m]) => specialNode(kind, m)),
);
const name = fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter((n) => n !== '.' && n !== '..');
const trees = fc
  .tuple(
    fc.array(fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), leaf), { maxLength: 12 }),
    fc.option(fc.dictionary(fc.stringMatching(/^user\.[a-z]{1,5}$/), fc.string({ maxLength: 8 })), { nil: undefined }),
    fc.boolean(),
  )
  .map(([entries, xattrs, linked]) => {
    const tree = new FsTree(directoryNode({ mode: 0o755 }));
    for (const [path, node] of entries) tree.put(`/${path.join('/')}`, { ...node });
    const file = fileNode('shared', { mode: 0o600 });
    if (xattrs !== undefined) file.xattrs = xattrs;
    tree.put('/rootfs/a', file);
    // a hard link: the same node object under a second name
    if (linked) tree.put('/rootfs/b', file);
    return tree;
  });

describe('kept images', () => {
  it('come back as they went in', () => {
    fc.assert(
      fc.property(trees, (tree) => {
        const back = decodeKeptImage(encodeKeptImage(tree));
        expect(imageDigest(back)).toBe(imageDigest(tree));
        const mtimes = (t: FsTree) => {
          const out: [string, number][] = [];
          t.walk((path, node) => {
            out.push([path, node.mtime]);
            return undefined;
          });
          return out;
        };
        expect(mtimes(back)).toEqual(mtimes(tree));
        expect(back.lookup('/rootfs/b') === back.lookup('/rootfs/a')).toBe(
          tree.lookup('/rootfs/b') === tree.lookup('/rootfs/a'),
        );
      }),
      { numRuns: runs },
    );
  });

  it('refuse bytes that are not a kept image', () => {
    const valid = encodeKeptImage(
      (() => {
        const t = new FsTree();
        t.put('/manifest.yaml', fileNode('x'));
        return t;
      })(),
    );
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length))
      .map(([at, byte, cut]) => {
        const copy = Buffer.from(valid);
        copy[at] = byte;
        return copy.subarray(0, cut);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
        try {
          decodeKeptImage(bytes);
        } catch (err) {
          expect(isKeptImageError(err)).toBe(true);
        }
      }),
      { numRuns: runs * 5 },
    );
  });

  it('are named by the digest of their bytes, and checked against it when read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-kept-images-'));
    try {
      const tree = new FsTree();
      tree.put('/manifest.yaml', fileNode('x'));
      const digest = keepImage(dir, tree);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(imageDigest(keptImage(dir, digest))).toBe(imageDigest(tree));
      writeFileSync(join(dir, 'images', digest.slice(7)), encodeKeptImage(new FsTree()));
      expect(() => keptImage(dir, digest)).toThrow(`kept image ${digest}: its contents do not match its digest`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
