// The `extensions` index image of one release (spec extension-catalog §5.2–§5.4): `image-digests`, one pinned
// reference a line in publishing order, and `descriptions.yaml`, each line's manifest author and description keyed by
// the whole line, as the upstream yq step writes it.
import { stringify } from 'yaml';
import { FsTree, fileNode } from '../fs-tree.js';
import { loadExtension } from '../load-extension.js';

/** One image the index lists: its pinned reference (`repo:tag@sha256:…`) and its contents. */
export interface IndexedImage {
  readonly pinned: string;
  readonly image: FsTree;
}

export function buildIndexImage(images: readonly IndexedImage[]): FsTree {
  const descriptions: Record<string, { author: string; description: string }> = {};
  for (const { pinned, image } of images) {
    try {
      const { author, description } = loadExtension(image).manifest.metadata;
      descriptions[pinned] = { author, description };
    } catch {
      // not an extension image: it is listed, without a description, as upstream's yq would leave it
    }
  }
  const index = new FsTree();
  index.put('image-digests', fileNode(images.map((i) => `${i.pinned}\n`).join('')));
  index.put('descriptions.yaml', fileNode(stringify(descriptions, { lineWidth: 0 })));
  return index;
}
