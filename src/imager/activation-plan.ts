// What Talos's initramfs `init` does with a boot asset (internal/app/init/main.go `mountRootFS`, spec §4), as a plan
// the node carries out: without layers `rootfs.sqsh` is mounted at `/root` alone; otherwise every layer image is
// mounted read-only at `/layers/layer<i>` and the base at `/layers/root`, and a read-only overlay at `/root` stacks
// them with the last layer on top; `/extensions.yaml` is bind-mounted over `/root/etc/extensions.yaml`, and the
// initramfs firmware (when there is some) over the new root's firmware directory.
import type { BootAsset, BootAssetLayer } from './boot-asset.js';

export const NEW_ROOT = '/root';
export const EXTENSION_LAYERS = '/layers';
export const ROOTFS_ASSET = '/rootfs.sqsh';
export const EXTENSIONS_CONFIG_FILE = '/extensions.yaml';
export const EXTENSIONS_RUNTIME_CONFIG_FILE = '/etc/extensions.yaml';

/** One squashfs mount of the plan. */
export interface LayerMount {
  /** `/layers/layer<i>` (i: the layer's position in `/extensions.yaml`), `/layers/root`, or `/root` alone. */
  readonly target: string;
  /** The image mounted: the layer's file in the initramfs (`0.sqsh`), or `/rootfs.sqsh` for the base. */
  readonly image: string;
  /** The layer; undefined for the base rootfs. */
  readonly layer: BootAssetLayer | undefined;
}

export interface BindMount {
  readonly source: string;
  readonly target: string;
}

export interface ActivationPlan {
  /** init's log lines, in order (`enabling system extension <name> <version>` from the last layer down). */
  readonly log: readonly string[];
  /** The squashfs mounts, topmost first and the base rootfs last: with layers, the overlay's lowerdirs in order. */
  readonly mounts: readonly LayerMount[];
  /** Whether `/root` is a read-only overlay of the mounts (false: the base rootfs is mounted there directly). */
  readonly overlay: boolean;
  /** Read-only bind mounts into the new root, in the order init makes them. */
  readonly binds: readonly BindMount[];
}

/** The plan to boot `asset`. */
export function planActivation(asset: BootAsset): ActivationPlan {
  const log = ['mounting the rootfs'];
  const binds: BindMount[] = [];
  let mounts: LayerMount[];
  if (asset.layers.length === 0) {
    mounts = [{ target: NEW_ROOT, image: ROOTFS_ASSET, layer: undefined }];
  } else {
    mounts = [];
    for (let i = asset.layers.length - 1; i >= 0; i--) {
      const layer = asset.layers[i] as BootAssetLayer;
      mounts.push({ target: `${EXTENSION_LAYERS}/layer${i}`, image: layer.image, layer });
      log.push(`enabling system extension ${layer.metadata.name} ${layer.metadata.version}`);
    }
    mounts.push({ target: `${EXTENSION_LAYERS}/root`, image: ROOTFS_ASSET, layer: undefined });
    binds.push({ source: EXTENSIONS_CONFIG_FILE, target: `${NEW_ROOT}${EXTENSIONS_RUNTIME_CONFIG_FILE}` });
  }
  if (asset.firmware !== undefined) {
    log.push(`bind mounting ${asset.firmwarePath}`);
    binds.push({ source: asset.firmwarePath, target: `${NEW_ROOT}${asset.firmwarePath}` });
  }
  return { log, mounts, overlay: asset.layers.length > 0, binds };
}
