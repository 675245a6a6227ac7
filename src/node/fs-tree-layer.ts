// An in-memory FsTree (what the imager holds: a layer's rootfs, the firmware moved out of the layers) as an
// overlay lower layer, for the mounts the initramfs makes from its own files rather than from a squashfs image.
import type { FsNode, FsTree } from '../extensions/index.js';
import {
  type FileType,
  type Layer,
  type LayerStat,
  makedev,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFREG,
  S_IFSOCK,
} from '../overlayfs-sim/index.js';

const TYPE: Readonly<Record<FsNode['kind'], readonly [FileType, number]>> = {
  file: ['file', S_IFREG],
  directory: ['directory', S_IFDIR],
  symlink: ['symlink', S_IFLNK],
  'char-device': ['char-device', S_IFCHR],
  'block-device': ['block-device', S_IFBLK],
  fifo: ['fifo', S_IFIFO],
  socket: ['socket', S_IFSOCK],
};

export function fsTreeLayer(tree: FsTree, name: string): Layer {
  const inodes = new Map<FsNode, number>();
  const ino = (node: FsNode): number => {
    let n = inodes.get(node);
    if (n === undefined) {
      n = inodes.size + 1;
      inodes.set(node, n);
    }
    return n;
  };
  const node = (path: string): FsNode => {
    const found = tree.lookup(path);
    if (found === undefined) throw new Error(`${name}: no entry ${path}`);
    return found;
  };
  const encoder = new TextEncoder();
  return {
    name,
    lstat(path): LayerStat | undefined {
      const n = tree.lookup(path);
      if (n === undefined) return undefined;
      const size = n.kind === 'file' ? n.size : n.kind === 'symlink' ? encoder.encode(n.target).length : 0;
      const rdev = n.kind === 'char-device' || n.kind === 'block-device' ? makedev(n.major, n.minor) : 0;
      const nlink =
        n.kind === 'directory' ? 2 + [...n.entries.values()].filter((e) => e.kind === 'directory').length : 1;
      return {
        ino: ino(n),
        mode: TYPE[n.kind][1] | n.mode,
        nlink,
        uid: n.uid,
        gid: n.gid,
        size,
        mtimeMs: n.mtime * 1000,
        rdev,
      };
    },
    readdir(path) {
      const dir = node(path);
      if (dir.kind !== 'directory') return [];
      return [...dir.entries].map(([entry, child]) => ({ name: entry, type: TYPE[child.kind][0] }));
    },
    readlink(path) {
      const link = node(path);
      if (link.kind !== 'symlink') throw new Error(`${name}: ${path} is not a symlink`);
      return link.target;
    },
    read(path, offset, length) {
      const file = node(path);
      if (file.kind !== 'file') throw new Error(`${name}: ${path} is not a file`);
      return file.read().subarray(offset, offset + length);
    },
    getxattr(path, attr) {
      const value = node(path).xattrs?.[attr];
      return value === undefined ? undefined : encoder.encode(value);
    },
    listxattr(path) {
      return Object.keys(node(path).xattrs ?? {});
    },
  };
}
