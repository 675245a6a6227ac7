// Talos's List over the imager's extensions tree: string order, non-directories and wrapped load errors.
import { describe, expect, it } from 'vitest';
import {
  directoryNode,
  FsTree,
  fileNode,
  imageFromDescription,
  isExtensionLoadError,
  listExtensions,
  symlinkNode,
} from '../../src/extensions/index.js';
import { thrown } from '../support/errors.js';

function extensionsTree(count: number): FsTree {
  const tree = new FsTree();
  for (let i = 0; i < count; i++) {
    const image = imageFromDescription({
      manifest: { version: 'v1alpha1', metadata: { name: `ext-${i}`, version: '1' } },
      rootfs: { '/usr/local/x': '' },
    });
    tree.put(String(i), image.root);
  }
  return tree;
}

describe('listExtensions', () => {
  it('orders directories as strings, so 10 comes before 2 (upstream quirk)', () => {
    const names = listExtensions(extensionsTree(12)).map((e) => `${e.directory}:${e.manifest.metadata.name}`);
    expect(names).toEqual([
      '0:ext-0',
      '1:ext-1',
      '10:ext-10',
      '11:ext-11',
      '2:ext-2',
      '3:ext-3',
      '4:ext-4',
      '5:ext-5',
      '6:ext-6',
      '7:ext-7',
      '8:ext-8',
      '9:ext-9',
    ]);
  });

  it('lists nothing for a missing or empty tree', () => {
    expect(listExtensions(undefined)).toEqual([]);
    expect(listExtensions(new FsTree())).toEqual([]);
  });

  it('rejects a non-directory entry, a symlink to a directory included', () => {
    const tree = extensionsTree(2);
    tree.put('1a', symlinkNode('1'));
    const err = thrown(() => listExtensions(tree));
    expect([isExtensionLoadError(err) && err.kind, err.message]).toEqual([
      'unexpected-non-directory',
      'unexpected non-directory entry: "1a"',
    ]);
  });

  it('wraps the first load error with the directory name', () => {
    const tree = extensionsTree(3);
    tree.put('2/README', fileNode('hello'));
    tree.put('1/rootfs', directoryNode());
    expect(thrown(() => listExtensions(tree)).message).toBe('error loading extension 2: unexpected file "README"');
    tree.remove('1/manifest.yaml');
    expect(thrown(() => listExtensions(tree)).message).toBe('error loading extension 1: extension manifest is missing');
  });
});
