// The node's filesystem namespace as machined sees it after the initramfs switched root (Talos
// internal/app/init, carried out from the boot asset's activation plan): each extension layer's squashfs
// image loop-mounted read-only, a read-only overlay at / with the last layer on top and the base rootfs at
// the bottom, /extensions.yaml bind-mounted over /etc/extensions.yaml, the firmware moved out of the layers
// bind-mounted at the firmware path, and tmpfs for the runtime directories machined mounts.
import { Volume } from 'memfs';
import type { Logger } from '../cosi/index.js';
import { type BootAsset, planActivation } from '../imager/index.js';
import {
  createNodeFs,
  type Layer,
  MountTable,
  memfsLayer,
  type NodeFs,
  Overlay,
  Tmpfs,
} from '../overlayfs-sim/index.js';
import { SquashfsImage } from '../squashfs/index.js';
import { fsTreeLayer } from './fs-tree-layer.js';
import { squashfsLayer } from './squashfs-layer.js';

export interface NodeFilesystemParts {
  /** rootfs.sqsh: the base Talos root. */
  readonly base: Volume;
  /** The boot asset the node boots; without one the node boots the base rootfs alone. */
  readonly bootAsset?: BootAsset | undefined;
  /** Receives init's log lines (`enabling system extension …`). */
  readonly logger?: Logger;
}

/** Runtime directories machined mounts as tmpfs before the controllers start. */
const TMPFS_MOUNTS = ['/run', '/system', '/tmp', '/var'] as const;

export interface NodeFilesystem {
  readonly mounts: MountTable;
  readonly fs: NodeFs;
  /** The root overlay (for provenance: which layer provides a path). */
  readonly root: Overlay;
  /** Releases the layer images. */
  close(): void;
}

export async function mountNodeFilesystem(parts: NodeFilesystemParts): Promise<NodeFilesystem> {
  const asset = parts.bootAsset;
  const images: SquashfsImage[] = [];
  const lowers: Layer[] = [];
  if (asset !== undefined) {
    const plan = planActivation(asset);
    for (const line of plan.log) parts.logger?.log('info', line);
    for (const mount of plan.mounts) {
      if (mount.layer === undefined) continue;
      // the Talos kernel only has xz and zstd
      const image = await SquashfsImage.open(mount.layer.squashfs, { name: mount.image, compressors: 'talos-kernel' });
      images.push(image);
      lowers.push(squashfsLayer(image, mount.target));
    }
  }
  lowers.push(memfsLayer(parts.base, { name: '/layers/root' }));
  const root = new Overlay({ lowers });
  const mounts = new MountTable();
  mounts.mount('/', root, { readOnly: true, source: 'overlay' });
  const fs = createNodeFs(mounts);
  if (asset?.extensionsYaml !== undefined && asset.layers.length > 0) {
    const config = new Tmpfs({ volume: Volume.fromJSON({ '/extensions.yaml': asset.extensionsYaml }) });
    mounts.bind('/etc/extensions.yaml', { filesystem: config, path: '/extensions.yaml' }, { readOnly: true });
  }
  if (asset?.firmware !== undefined && fs.existsSync(asset.firmwarePath)) {
    const firmware = new Overlay({ lowers: [fsTreeLayer(asset.firmware, asset.firmwarePath)] });
    mounts.mount(asset.firmwarePath, firmware, { readOnly: true, source: 'firmware' });
  }
  for (const path of TMPFS_MOUNTS) if (fs.existsSync(path)) mounts.mount(path, new Tmpfs(), { source: 'tmpfs' });
  return {
    mounts,
    fs,
    root,
    close: () => {
      for (const image of images) image.close();
    },
  };
}
