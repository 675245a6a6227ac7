// What nodes booted from the same boot asset share: the base rootfs of the release, the layers' squashfs images,
// the read-only root overlay stacked from them, the firmware overlay and `/extensions.yaml`. All of it is immutable
// once mounted (the root overlay has no upper layer), so a fleet pays for it once per boot asset; each node only
// adds its mount table, its tmpfs mounts and its state. Images are opened lazily (no file data is decompressed at
// boot) and closed when the last node using them releases them.
import type { Volume } from 'memfs';
import { type BootAsset, planActivation } from '../imager/index.js';
import { createNodeFs, type FilesystemStatfs, type Layer, memfsLayer, Overlay, Tmpfs } from '../overlayfs-sim/index.js';
import { SquashfsImage } from '../squashfs/index.js';
import { fsTreeLayer } from './fs-tree-layer.js';
import { squashfsLayer } from './squashfs-layer.js';
import { buildTalosRootfs } from './talos-rootfs.js';

export interface BootMedia {
  /** The read-only root overlay: the layers (last on top) over the base rootfs. */
  readonly root: Overlay;
  /** `/extensions.yaml` of the initramfs, bind-mounted over `/etc/extensions.yaml`; undefined without layers. */
  readonly extensionsConfig: Tmpfs | undefined;
  /** The firmware moved out of the layers, mounted at `firmwarePath`; undefined when there is none. */
  readonly firmware: Overlay | undefined;
  readonly firmwarePath: string;
  /** init's log lines for this asset (`enabling system extension …`). */
  readonly initLog: readonly string[];
}

interface Entry {
  readonly media: Promise<BootMedia>;
  readonly images: SquashfsImage[];
  users: number;
}

/** Media no node uses any more are kept this many at a time, so a reboot or the next node does not reopen them. */
const IDLE_KEPT = 8;

/** Shares boot media between nodes; one per process is enough (see `sharedBootMedia`). */
export class BootMediaCache {
  readonly #byAsset = new Map<BootAsset | string, Entry>();
  /** Entries without users, oldest first; closed when pushed out. */
  readonly #idle = new Map<BootAsset | string, Entry>();
  readonly #rootfs = new Map<string, Volume>();

  /**
   * The media for `asset` (or the stock rootfs of `talosVersion` without one), with a release function to call
   * once the node no longer uses them. `base` replaces the stock rootfs (not shared then).
   */
  async acquire(
    asset: BootAsset | undefined,
    talosVersion: string,
    base?: Volume,
  ): Promise<{ media: BootMedia; release: () => void }> {
    const key = base !== undefined ? undefined : (asset ?? talosVersion);
    let entry = key === undefined ? undefined : this.#byAsset.get(key);
    if (key !== undefined) this.#idle.delete(key);
    if (entry === undefined) {
      const images: SquashfsImage[] = [];
      const created: Entry = {
        images,
        users: 0,
        media: mountMedia(asset, base ?? this.#stockRootfs(talosVersion), images),
      };
      entry = created;
      if (key !== undefined) {
        this.#byAsset.set(key, created);
        created.media.catch(() => this.#byAsset.delete(key));
      }
    }
    const used = entry;
    used.users++;
    let released = false;
    try {
      const media = await used.media;
      return {
        media,
        release: () => {
          if (released) return;
          released = true;
          if (--used.users > 0) return;
          if (key === undefined) {
            for (const image of used.images) image.close();
            return;
          }
          this.#idle.set(key, used);
          if (this.#idle.size > IDLE_KEPT) this.#evict(this.#idle.keys().next().value as BootAsset | string);
        },
      };
    } catch (err) {
      used.users--;
      throw err;
    }
  }

  /** Closes the images of an entry nobody uses. */
  #evict(key: BootAsset | string): void {
    const entry = this.#idle.get(key);
    this.#idle.delete(key);
    if (entry === undefined || entry.users > 0) return;
    this.#byAsset.delete(key);
    for (const image of entry.images) image.close();
  }

  /** Closes every image no node uses (the media are reopened when next asked for). */
  closeIdle(): void {
    for (const key of [...this.#idle.keys()]) this.#evict(key);
  }

  /** The stock base rootfs of a release, built once and shared read-only. */
  #stockRootfs(talosVersion: string): Volume {
    let volume = this.#rootfs.get(talosVersion);
    if (volume === undefined) {
      volume = buildTalosRootfs({ version: talosVersion }).volume;
      this.#rootfs.set(talosVersion, volume);
    }
    return volume;
  }
}

/** The process-wide cache nodes use unless given another. */
export const sharedBootMedia = new BootMediaCache();

/**
 * A file of the initramfs as the cpio archive holds it: root-owned, 0644, every time 0 (memfs would stamp the wall
 * clock and 0666, and `talosctl ls -l /etc/extensions.yaml` or a stat of it would change from run to run).
 */
function initramfsFile(path: string, content: string): Tmpfs {
  // the media are shared by nodes booted at different times: no boot's time is the file's
  const tmpfs = new Tmpfs({ mode: 0o755, now: () => 0 });
  createNodeFs(tmpfs).writeFileSync(path, content, { mode: 0o644 });
  return tmpfs;
}

/** mksquashfs's default block size, which Talos builds rootfs.sqsh with. */
const ROOTFS_BLOCK_SIZE = 128 * 1024;

/**
 * What statfs reports for rootfs.sqsh, which the memfs base rootfs stands in for: squashfs blocks of its content
 * (the skeleton's bytes, not a real image's), none free.
 */
function rootfsStatfs(base: Volume): FilesystemStatfs {
  let bytes = 0;
  let inodes = 1;
  const walk = (dir: string): void => {
    for (const name of base.readdirSync(dir) as string[]) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const stat = base.lstatSync(path);
      inodes++;
      bytes += Number(stat.size);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk('/');
  return {
    type: 0x73717368,
    bsize: ROOTFS_BLOCK_SIZE,
    blocks: Math.max(1, Math.ceil(bytes / ROOTFS_BLOCK_SIZE)),
    bfree: 0,
    bavail: 0,
    files: inodes,
    ffree: 0,
  };
}

async function mountMedia(asset: BootAsset | undefined, base: Volume, images: SquashfsImage[]): Promise<BootMedia> {
  const lowers: Layer[] = [];
  const initLog: string[] = [];
  if (asset !== undefined) {
    const plan = planActivation(asset);
    initLog.push(...plan.log);
    for (const mount of plan.mounts) {
      if (mount.layer === undefined) continue;
      // the Talos kernel only has xz and zstd
      const image = await SquashfsImage.open(mount.layer.squashfs, { name: mount.image, compressors: 'talos-kernel' });
      images.push(image);
      lowers.push(squashfsLayer(image, mount.target));
    }
  }
  let statfs: FilesystemStatfs | undefined;
  lowers.push(memfsLayer(base, { name: '/layers/root', statfs: () => (statfs ??= rootfsStatfs(base)) }));
  const hasLayers = asset !== undefined && asset.layers.length > 0;
  return {
    root: new Overlay({ lowers }),
    extensionsConfig:
      hasLayers && asset.extensionsYaml !== undefined
        ? initramfsFile('/extensions.yaml', asset.extensionsYaml)
        : undefined,
    firmware:
      asset?.firmware !== undefined
        ? new Overlay({ lowers: [fsTreeLayer(asset.firmware, asset.firmwarePath)] })
        : undefined,
    firmwarePath: asset?.firmwarePath ?? '/usr/lib/firmware',
    initLog,
  };
}
