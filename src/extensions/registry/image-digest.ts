// The content address of an image in the simulated registry. Real registries address an image by the digest of
// its manifest, which depends on how it was layered, compressed and timestamped; talos-sim addresses what the image
// holds, so the same filesystem has the same digest whichever source it came from. Definition (version 1):
//
//   sha256( "talos-sim image digest v1\n" + one line per entry )
//
// Entries are every path below the image root (the root itself excluded) in pre-order, siblings sorted by their
// UTF-8 bytes. Each line is the JSON array [path, kind, mode, uid, gid, detail, xattrs] and a newline: path
// absolute (`/rootfs/usr`), kind as in FsNodeKind, mode the permission bits as a number, detail `sha256:<hex>` of a
// file's contents, a symlink's target, `<major>,<minor>` for devices, '' otherwise, xattrs the sorted [name, value]
// pairs. Modification times are not part of it. Hard links count as separate paths with the same contents.
import { createHash } from 'node:crypto';
import type { FsNode, FsTree } from '../fs-tree.js';

function detail(node: FsNode): string {
  switch (node.kind) {
    case 'file':
      return `sha256:${createHash('sha256').update(node.read()).digest('hex')}`;
    case 'symlink':
      return node.target;
    case 'char-device':
    case 'block-device':
      return `${node.major},${node.minor}`;
    default:
      return '';
  }
}

/** `sha256:<hex>` of an image's contents, as defined above. */
export function imageDigest(image: FsTree): string {
  const hash = createHash('sha256').update('talos-sim image digest v1\n');
  image.walk((path, node) => {
    if (path === '/') return undefined;
    const xattrs = Object.entries(node.xattrs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(`${JSON.stringify([path, node.kind, node.mode, node.uid, node.gid, detail(node), xattrs])}\n`);
    return undefined;
  });
  return `sha256:${hash.digest('hex')}`;
}
