// machined's Mounts handler (Server.Mounts, the same v1.0.0 … v1.14.0-rc.1 but for skipped entries before v1.7, which
// talosctl drops anyway): every line of /proc/mounts, its first field as the filesystem and its second (still
// octal-escaped) as the mount point; statfs sizes for mount points that stat as directories, 0/0 otherwise.
import type { MountTable, NodeFs } from '../../overlayfs-sim/index.js';

/** machine.MountStat. */
export interface MountStat {
  readonly filesystem: string;
  /** Bytes: bsize × blocks. */
  readonly size: number;
  /** Bytes: bsize × bavail. */
  readonly available: number;
  readonly mountedOn: string;
}

export function machinedMounts(fs: NodeFs, mounts: MountTable): MountStat[] {
  const stats: MountStat[] = [];
  for (const line of mounts.procMounts().split('\n')) {
    const fields = line.split(/[ \t]+/).filter((f) => f !== '');
    if (fields.length < 2) continue;
    const [filesystem, mountedOn] = fields as [string, string];
    let size = 0;
    let available = 0;
    let directory = false;
    try {
      directory = fs.statSync(mountedOn).isDirectory();
    } catch {
      // os.Stat failed: the entry gets no sizes
    }
    if (directory) {
      const statfs = fs.statfsSync(mountedOn);
      size = statfs.bsize * statfs.blocks;
      available = statfs.bsize * statfs.bavail;
    }
    stats.push({ filesystem, size, available, mountedOn });
  }
  return stats;
}
