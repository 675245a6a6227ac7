// The node's filesystem namespace as machined sees it after the initramfs switched root (Talos
// internal/app/init, carried out from the boot asset's activation plan): the shared, read-only root overlay of the
// boot media at /, /extensions.yaml bind-mounted over /etc/extensions.yaml, the firmware moved out of the layers
// bind-mounted at the firmware path, and fresh tmpfs for the runtime directories machined mounts (so a reboot
// starts them empty).
import type { Logger } from '../cosi/index.js';
import {
  createNodeFs,
  type Filesystem,
  MountTable,
  type NodeFs,
  Overlay,
  Tmpfs,
  TreeNode,
  treeLayer,
} from '../overlayfs-sim/index.js';
import type { BootMedia } from './boot-media.js';

export interface NodeFilesystemParts {
  /** The shared media of the boot asset (see BootMediaCache). */
  readonly media: BootMedia;
  /** Called once when the node no longer uses the media. */
  readonly release?: () => void;
  /** Receives init's log lines (`enabling system extension …`). */
  readonly logger?: Logger;
  /** Times of files written to the tmpfs mounts, in ms since the epoch. Default: always 0. */
  readonly now?: () => number;
}

/**
 * Runtime directories machined mounts as tmpfs before the controllers start, `mode=0755` and with their `size=`:
 * 64M for /tmp (Talos's pseudo mounts, every release); the others have none, so Linux gives them half the RAM, here
 * of a 2 GiB node (`talosctl cluster create`'s default memory). statfs reports these sizes (`talosctl mounts`).
 */
const TMPFS_MOUNTS: readonly (readonly [path: string, size: number])[] = [
  ['/run', 1024 * 1024 * 1024],
  ['/system', 1024 * 1024 * 1024],
  ['/tmp', 64 * 1024 * 1024],
  ['/var', 1024 * 1024 * 1024],
];

/**
 * The kernel's devtmpfs at /dev with the device nodes extension services bind-mount (tailscale's /dev/net/tun) and
 * the usual character devices, with their numbers. Nothing writes there in a simulation, so one read-only tree is
 * shared by every node instead of a tmpfs each.
 */
class Devtmpfs extends Overlay {
  override readonly fstype = 'devtmpfs';
  override mountOptions(): readonly string[] {
    return ['mode=755'];
  }
}

let devices: Devtmpfs | undefined;
function devtmpfs(): Devtmpfs {
  const char = (major: number, minor: number, mode = 0o666) => TreeNode.device('char-device', major, minor, { mode });
  devices ??= new Devtmpfs({
    lowers: [
      treeLayer({
        console: char(5, 1, 0o600),
        full: char(1, 7),
        kmsg: char(1, 11, 0o644),
        net: TreeNode.directory({ tun: char(10, 200) }),
        null: char(1, 3),
        random: char(1, 8),
        tty: char(5, 0),
        urandom: char(1, 9),
        zero: char(1, 5),
      }),
    ],
  });
  return devices;
}

export interface NodeFilesystem {
  readonly mounts: MountTable;
  readonly fs: NodeFs;
  /** The root overlay (for provenance: which layer provides a path). */
  readonly root: Overlay;
  /** The tmpfs mounts machined makes, by mount point. */
  readonly tmpfs: ReadonlyMap<string, Tmpfs>;
  /** The filesystem of each mount made with the namespace (the media, the tmpfs mounts, /dev), by mount point. */
  readonly filesystems: ReadonlyMap<string, Filesystem>;
  /** Releases the layer images (once the last node sharing them closes). */
  close(): void;
}

export function mountNodeFilesystem(parts: NodeFilesystemParts): NodeFilesystem {
  const { media } = parts;
  for (const line of media.initLog) parts.logger?.log('info', line);
  const mounts = new MountTable();
  mounts.mount('/', media.root, { readOnly: true, source: 'overlay' });
  const fs = createNodeFs(mounts);
  if (media.extensionsConfig !== undefined) {
    mounts.bind(
      '/etc/extensions.yaml',
      { filesystem: media.extensionsConfig, path: '/extensions.yaml' },
      { readOnly: true },
    );
  }
  if (media.firmware !== undefined && fs.existsSync(media.firmwarePath)) {
    mounts.mount(media.firmwarePath, media.firmware, { readOnly: true, source: 'firmware' });
  }
  const now = parts.now;
  const tmpfs = new Map<string, Tmpfs>();
  for (const [path, size] of TMPFS_MOUNTS) {
    if (!fs.existsSync(path)) continue;
    const filesystem = new Tmpfs({ size, mode: 0o755, ...(now === undefined ? {} : { now }) });
    mounts.mount(path, filesystem, { source: 'tmpfs' });
    tmpfs.set(path, filesystem);
  }
  if (fs.existsSync('/dev')) mounts.mount('/dev', devtmpfs(), { readOnly: true, source: 'devtmpfs' });
  const filesystems = new Map(mounts.list().map((m) => [m.target, m.filesystem] as const));
  let closed = false;
  return {
    mounts,
    fs,
    root: media.root,
    tmpfs,
    filesystems,
    close: () => {
      if (closed) return;
      closed = true;
      parts.release?.();
    },
  };
}
