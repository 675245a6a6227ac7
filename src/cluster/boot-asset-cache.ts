// A content-addressed cache of built boot assets on disk (`$XDG_CACHE_HOME/talos-sim/boot-assets`), so `sim` does
// not squash the same extensions on every invocation. The key is a digest of everything that determines the asset
// (talos-sim's version, the release, the install path, the digests of every input image, the legacy install list);
// entries are written to a temporary name and renamed into place, verified when read (a corrupt entry is deleted
// and rebuilt, never trusted), and the oldest are evicted beyond a size bound.
import { createHash } from 'node:crypto';
import { type ImageRegistry, imageDigest, readImage, resolveTalosVersion } from '../extensions/index.js';
import {
  type BootAsset,
  type ExtensionInput,
  installExtensionImages,
  officialExtensionReferences,
  resolveOfficialExtensions,
} from '../imager/index.js';
import type { MachineConfig } from '../machine-config/index.js';
import { buildInstallAsset, installPath, type NodeInstallerOptions, type NodeInstallRequest } from '../node/index.js';
import { decodeBootAsset, encodeBootAsset } from './boot-asset-codec.js';
import { defaultBootAssetCacheDirectory, FileCache } from './file-cache.js';

/** Default bound of the cache directory. */
export const DEFAULT_BOOT_ASSET_CACHE_BYTES = 512 * 1024 * 1024;
/**
 * Bumped whenever the entry format or the builder's output changes in a way the version number does not say. 2:
 * symlinks read from tar layers are lrwxrwxrwx (an asset built before kept the tar header's mode). 3: the initramfs
 * is encoded as kept images are (fs-tree-codec.ts: the root first, hard links by index).
 */
const CACHE_FORMAT = 3;
const SUFFIX = '.tsba';

export interface BootAssetCacheOptions {
  /** Default: `$XDG_CACHE_HOME/talos-sim/boot-assets`, or `~/.cache/talos-sim/boot-assets`. */
  readonly directory?: string;
  /** Evict the oldest entries beyond this many bytes. Default DEFAULT_BOOT_ASSET_CACHE_BYTES. */
  readonly maxBytes?: number;
  /** talos-sim's version: part of every key. */
  readonly version: string;
}

export class BootAssetCache {
  readonly directory: string;
  readonly #entries: FileCache;
  readonly #version: string;

  constructor(options: BootAssetCacheOptions) {
    this.directory = options.directory ?? defaultBootAssetCacheDirectory(process.env);
    this.#entries = new FileCache({
      directory: this.directory,
      suffix: SUFFIX,
      maxBytes: options.maxBytes ?? DEFAULT_BOOT_ASSET_CACHE_BYTES,
    });
    this.#version = options.version;
  }

  /** The asset stored under `key`, or undefined (missing, unreadable or corrupt: a corrupt entry is removed). */
  async get(key: string): Promise<BootAsset | undefined> {
    const bytes = this.#entries.read(key);
    if (bytes === undefined) return undefined;
    try {
      const asset = await decodeBootAsset(bytes);
      this.#entries.touch(key);
      return asset;
    } catch {
      this.#entries.remove(key);
      return undefined;
    }
  }

  /** Stores the asset atomically (readers see the old entry or the new one, never a part). Failures are ignored. */
  put(key: string, asset: BootAsset): void {
    this.#entries.write(key, encodeBootAsset(asset));
  }

  /**
   * The key of an install: undefined when it cannot be cached (a custom squasher, an input that cannot be
   * resolved: the build then reports the error itself).
   */
  key(
    spec: NodeInstallRequest,
    config: MachineConfig | undefined,
    installer: NodeInstallerOptions,
  ): string | undefined {
    if (installer.squasher !== undefined) return undefined;
    // an upgrade's installer runs after another release's machined, whose pulls may fail whatever is cached
    if (spec.runningVersion !== undefined && spec.runningVersion !== spec.talosVersion) return undefined;
    try {
      const facts = resolveTalosVersion(spec.talosVersion);
      const legacy = config === undefined ? [] : installExtensionImages(config.text);
      const path = installPath(spec, facts, legacy);
      const inputs =
        path === 'factory'
          ? factoryInputs(spec.officialExtensions ?? [], facts.version, installer)
          : path === 'installer'
            ? legacy.map((ref) => `${ref}@${installer.registry.resolve(ref).digest}`)
            : spec.extensions.map((input) => inputDigest(input, installer.registry));
      const identity = JSON.stringify([CACHE_FORMAT, this.#version, facts.version, path, inputs]);
      return createHash('sha256').update(identity).digest('hex');
    } catch {
      return undefined;
    }
  }
}

function inputDigest(input: ExtensionInput, registry: ImageRegistry): string {
  if (typeof input === 'string') return `${input}@${registry.resolve(input).digest}`;
  if ('reference' in input) return `${input.reference}@${registry.resolve(input.reference).digest}`;
  if ('image' in input) return `${input.label ?? 'image'}@${imageDigest(input.image)}`;
  return `${input.label ?? ''}@${imageDigest(readImage(input.source))}`;
}

/**
 * The official extensions of a factory install. Their digests would mean building the release's whole index (tens
 * of milliseconds of every `sim` run); where the default catalog's seed decides what the index lists, its images
 * follow from talos-sim's code as much as the builder's output does, so the key's version stands for their digests
 * and their tagged references suffice.
 */
function factoryInputs(names: readonly string[], version: string, installer: NodeInstallerOptions): string[] {
  const schematic = { customization: { systemExtensions: { officialExtensions: [...names] } } };
  const { references, seeded } = officialExtensionReferences(schematic, version, installer.catalog);
  if (seeded) return ['seeded', ...references];
  return resolveOfficialExtensions(schematic, version, installer.catalog);
}

/** A boot-asset builder that answers from the cache and fills it. */
export function cachingBuilder(cache: BootAssetCache): typeof buildInstallAsset {
  return async (spec, config, installer) => {
    const key = cache.key(spec, config, installer);
    const cached = key === undefined ? undefined : await cache.get(key);
    if (cached !== undefined) return cached;
    const asset = await buildInstallAsset(spec, config, installer);
    if (key !== undefined) cache.put(key, asset);
    return asset;
  };
}
