// Snapshots of booted clusters on disk, beside the boot assets (`*.tscs` in the boot-asset cache directory), as
// BootAssetCache keeps boot assets: an entry per key (all that determines the cluster, as text; the file is named by
// a checksum of it and holds the key itself), verified when read (a damaged entry is removed, never trusted), the
// least recently used evicted beyond a bound. A fleet whose snapshot would exceed the entry bound is not kept.
import { checksum64 } from './checksum.js';
import type { Cluster } from './cluster.js';
import {
  type ClusterSnapshot,
  captureClusterSnapshot,
  decodeClusterSnapshot,
  encodeClusterSnapshot,
} from './cluster-snapshot.js';
import { FileCache } from './file-cache.js';

/** Default bound of the snapshots in the directory (a default node's snapshot is ~30 KiB). */
export const DEFAULT_CLUSTER_SNAPSHOT_CACHE_BYTES = 64 * 1024 * 1024;
/** The largest snapshot kept (JSON characters): a fleet of a few hundred nodes. */
const ENTRY_BYTES = 16 * 1024 * 1024;

export interface ClusterSnapshotCacheOptions {
  /** The boot-asset cache directory (defaultBootAssetCacheDirectory, or the one a caller keeps). */
  readonly directory: string;
  /** Evict the least recently used snapshots beyond this many bytes. Default DEFAULT_CLUSTER_SNAPSHOT_CACHE_BYTES. */
  readonly maxBytes?: number;
}

export class ClusterSnapshotCache {
  readonly #entries: FileCache;

  constructor(options: ClusterSnapshotCacheOptions) {
    this.#entries = new FileCache({
      directory: options.directory,
      suffix: '.tscs',
      maxBytes: options.maxBytes ?? DEFAULT_CLUSTER_SNAPSHOT_CACHE_BYTES,
    });
  }

  /** The snapshot kept under `key`, or undefined (missing, or damaged: then removed). */
  get(key: string): ClusterSnapshot | undefined {
    const name = checksum64(key);
    const bytes = this.#entries.read(name);
    if (bytes === undefined) return undefined;
    const snapshot = decodeClusterSnapshot(bytes, key);
    if (snapshot === undefined) this.#entries.remove(name);
    else this.#entries.touch(name);
    return snapshot;
  }

  /**
   * Keeps the snapshot of the cluster's nodes as they serve now under `key`. Nothing is kept when a spec is not plain
   * data, when the snapshot would exceed the entry bound, or when the entry cannot be written: a cache only saves work.
   */
  async keep(key: string, cluster: Cluster): Promise<void> {
    let entry: Uint8Array;
    try {
      const snapshot = await captureClusterSnapshot(cluster.nodes, ENTRY_BYTES);
      if (snapshot === undefined) return;
      entry = encodeClusterSnapshot(key, snapshot);
    } catch {
      // a spec that is not plain data (PlainDataError), or a node that cannot be read: nothing kept
      return;
    }
    this.#entries.write(checksum64(key), entry);
  }
}
