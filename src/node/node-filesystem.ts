// The node's filesystem namespace as machined sees it after the initramfs switched root (Talos
// internal/app/init): a read-only overlay at / with the extension layers above the base rootfs
// (later layers win), /etc/extensions.yaml bind-mounted read-only when extensions are present,
// the firmware moved out of the layers bind-mounted at the firmware path, and tmpfs for the
// runtime directories machined mounts.
import { Volume } from 'memfs';
import {
  createNodeFs,
  type Layer,
  MountTable,
  memfsLayer,
  type NodeFs,
  Overlay,
  Tmpfs,
} from '../overlayfs-sim/index.js';

export interface NodeFilesystemParts {
  /** rootfs.sqsh: the base Talos root. */
  readonly base: Volume;
  /** Extension layers in /extensions.yaml order (layer0 first); the overlay puts the last on top. */
  readonly layers?: readonly Layer[];
  /** Text of the initramfs /extensions.yaml, bound over /etc/extensions.yaml when there are layers. */
  readonly extensionsConfig?: string;
  /** Firmware moved out of the layers, bound read-only at `firmwarePath`. */
  readonly firmware?: Layer;
  /** `/usr/lib/firmware` (or `/lib/firmware` before the usr merge). */
  readonly firmwarePath?: string;
}

/** Runtime directories machined mounts as tmpfs before the controllers start. */
const TMPFS_MOUNTS = ['/run', '/system', '/tmp', '/var'] as const;

export interface NodeFilesystem {
  readonly mounts: MountTable;
  readonly fs: NodeFs;
  /** The root overlay (for provenance: which layer provides a path). */
  readonly root: Overlay;
}

export function buildNodeFilesystem(parts: NodeFilesystemParts): NodeFilesystem {
  const layers = parts.layers ?? [];
  const lowers = [...layers].reverse();
  lowers.push(memfsLayer(parts.base, { name: '/layers/root' }));
  const root = new Overlay({ lowers });
  const mounts = new MountTable();
  mounts.mount('/', root, { readOnly: true, source: 'overlay' });
  const fs = createNodeFs(mounts);
  if (layers.length > 0 && parts.extensionsConfig !== undefined) {
    const config = new Tmpfs({ volume: Volume.fromJSON({ '/extensions.yaml': parts.extensionsConfig }) });
    mounts.bind('/etc/extensions.yaml', { filesystem: config, path: '/extensions.yaml' }, { readOnly: true });
  }
  if (parts.firmware !== undefined && parts.firmwarePath !== undefined && fs.existsSync(parts.firmwarePath)) {
    mounts.mount(parts.firmwarePath, new Overlay({ lowers: [parts.firmware] }), { readOnly: true, source: 'firmware' });
  }
  for (const path of TMPFS_MOUNTS) if (fs.existsSync(path)) mounts.mount(path, new Tmpfs(), { source: 'tmpfs' });
  return { mounts, fs, root };
}
