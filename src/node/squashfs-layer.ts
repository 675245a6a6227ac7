// A squashfs image as an overlay lower layer: what the initramfs does when it loop-mounts each
// extension's .sqsh and the base rootfs.sqsh under /layers before building the root overlay.
import type { FileType, Layer, LayerDirent, LayerStat } from '../overlayfs-sim/index.js';
import { isSquashfsFsError, type SquashfsImage, type SquashfsStats } from '../squashfs/index.js';

const FILE_TYPE: Readonly<Record<SquashfsStats['kind'], FileType>> = {
  file: 'file',
  directory: 'directory',
  symlink: 'symlink',
  'block-device': 'block-device',
  'character-device': 'char-device',
  fifo: 'fifo',
  socket: 'socket',
};

function layerStat(s: SquashfsStats): LayerStat {
  return {
    ino: s.ino,
    mode: s.mode,
    nlink: s.nlink,
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    mtimeMs: s.mtimeMs,
    rdev: s.rdev,
  };
}

/** SQUASHFS_MAGIC, statfs's f_type for a squashfs mount. */
const SQUASHFS_MAGIC = 0x73717368;

export function squashfsLayer(image: SquashfsImage, name: string): Layer {
  return {
    name,
    lstat: (path) => {
      const s = image.tryLstat(path);
      return s === undefined ? undefined : layerStat(s);
    },
    readdir: (path): LayerDirent[] => image.readdir(path).map((d) => ({ name: d.name, type: FILE_TYPE[d.kind] })),
    readlink: (path) => image.readlink(path),
    read: (path, offset, length) => image.read(path, offset, length),
    getxattr: (path, attr) => {
      try {
        return image.getXattr(path, attr);
      } catch (err) {
        if (isSquashfsFsError(err, 'ENODATA')) return undefined;
        throw err;
      }
    },
    listxattr: (path) => image.listXattrs(path),
    // squashfs_statfs: the image's blocks, none free (the overlay root shows this layer's, full)
    statfs: () => {
      const s = image.statfs();
      return { type: SQUASHFS_MAGIC, bsize: s.bsize, blocks: s.blocks, bfree: 0, bavail: 0, files: s.files, ffree: 0 };
    },
  };
}
