import { describe, expect, it } from 'vitest';
import {
  compileTree,
  isLayerTreeError,
  type LayerTreeError,
  OVERLAY_OPAQUE_XATTR,
  TreeNode,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';
import { describeLayerConformance } from './layer-conformance.js';

describeLayerConformance('treeLayer', (tree) => treeLayer(tree));

describe('treeLayer', () => {
  it('carries xattrs, so kernel-style opaque directories need no image', () => {
    const layer = treeLayer({ etc: TreeNode.opaqueDirectory({}, { xattrs: { 'user.note': 'kept' } }) });
    expect(new TextDecoder().decode(layer.getxattr('/etc', OVERLAY_OPAQUE_XATTR))).toBe('y');
    expect([...layer.listxattr('/etc')].sort()).toEqual([OVERLAY_OPAQUE_XATTR, 'user.note']);
    expect(layer.getxattr('/', OVERLAY_OPAQUE_XATTR)).toBeUndefined();
  });

  it('is a snapshot: changing the object afterwards changes nothing', () => {
    const tree: Record<string, string> = { a: 'a' };
    const layer = treeLayer(tree, { name: 'snap' });
    tree.b = 'b';
    expect(layer.readdir('/').map((e) => e.name)).toEqual(['a']);
    expect(layer.name).toBe('snap');
  });

  it('numbers inodes from 1 and counts subdirectories in nlink', () => {
    const entries = compileTree({ a: {}, b: { c: {} }, f: 'x' });
    expect(entries.get('/')?.stat).toMatchObject({ ino: 1, nlink: 4 });
    expect(entries.get('/b')?.stat.nlink).toBe(3);
    expect(entries.get('/f')?.stat.nlink).toBe(1);
  });

  it.each([
    [{ 'a/b': 'x' }, "invalid tree entry '/a/b': a name must be non-empty, not . or .., without / or NUL"],
    [{ '..': 'x' }, "invalid tree entry '/..': a name must be non-empty, not . or .., without / or NUL"],
    [
      { a: TreeNode.file('x', { mode: 0o10000 }) },
      "invalid tree entry '/a': mode must be permission bits between 0 and 0o7777",
    ],
    [{ a: TreeNode.file('x', { uid: Number.NaN }) }, "invalid tree entry '/a': uid must be a finite number"],
  ])('rejects bad entries with a typed error: %j', (tree, message) => {
    const err = thrown<LayerTreeError>(() => treeLayer(tree));
    expect(isLayerTreeError(err)).toBe(true);
    expect(err.message).toBe(message);
  });

  it('needs a directory at the root', () => {
    expect(thrown<LayerTreeError>(() => compileTree(TreeNode.file('x'))).message).toBe(
      "invalid tree entry '/': the root of a tree must be a directory",
    );
  });
});
