// A directory of cache entries, one file per key (`<key><suffix>`): read as regular files only (never through a
// link), written to a temporary name and renamed into place (a reader sees the old entry or the new one, never a
// part), touched when used, and evicted oldest-used first beyond a size bound counted per suffix. What an entry means
// and how it is verified belong to its user (BootAssetCache, the booted-cluster snapshots of `sim`).
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { createTargetDirectory, readRegularFile, writeFileInside } from '../safe-fs/index.js';

export interface FileCacheOptions {
  readonly directory: string;
  /** The file name suffix of this cache's entries (`.tsba`): entries of other suffixes are left alone. */
  readonly suffix: string;
  /** Evict the oldest-used entries of this suffix beyond this many bytes; an entry larger than it is never read. */
  readonly maxBytes: number;
}

/** talos-sim's cache directory for an environment: $XDG_CACHE_HOME/talos-sim (when absolute), else ~/.cache/talos-sim. */
export function talosSimCacheDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'talos-sim');
}

/** Where built boot assets (and `sim`'s cluster snapshots beside them) are kept for an environment. */
export function defaultBootAssetCacheDirectory(env: Readonly<Record<string, string | undefined>>): string {
  return join(talosSimCacheDirectory(env), 'boot-assets');
}

export class FileCache {
  readonly directory: string;
  readonly #suffix: string;
  readonly #maxBytes: number;

  constructor(options: FileCacheOptions) {
    this.directory = options.directory;
    this.#suffix = options.suffix;
    this.#maxBytes = options.maxBytes;
  }

  /** The entry's bytes, or undefined (missing, not a regular file, too large or unreadable). */
  read(key: string): Uint8Array | undefined {
    try {
      return readRegularFile(this.#path(key), { maxBytes: this.#maxBytes, followSymlinks: false });
    } catch {
      return undefined;
    }
  }

  /** Marks the entry as just used, so eviction keeps it longest. */
  touch(key: string): void {
    try {
      const now = new Date();
      utimesSync(this.#path(key), now, now);
    } catch {
      // removed meanwhile by another process's eviction: nothing to keep
    }
  }

  /** Removes the entry (one that failed its verification), if the directory lets it. */
  remove(key: string): void {
    try {
      rmSync(this.#path(key), { force: true });
    } catch {
      // a directory that is not ours to write: the entry stays, and is refused again next time
    }
  }

  /** Stores the entry atomically, then evicts beyond the bound. Failures are ignored: a cache only saves work. */
  write(key: string, bytes: Uint8Array): void {
    try {
      const directory = createTargetDirectory(this.directory, { mode: 0o700 });
      writeFileInside(directory, `${key}${this.#suffix}`, bytes, { replace: 'atomic', mode: 0o600 });
      this.#evict();
    } catch {
      // a cache that cannot be written only costs the next run the work again
    }
  }

  #path(key: string): string {
    return join(this.directory, `${key}${this.#suffix}`);
  }

  #evict(): void {
    const entries = readdirSync(this.directory)
      .filter((name) => name.endsWith(this.#suffix))
      .map((name) => {
        const stat = statSync(join(this.directory, name));
        return { name, size: stat.size, used: stat.mtimeMs };
      })
      .sort((a, b) => b.used - a.used);
    // the most recently used entries that fit stay
    let kept = 0;
    for (const entry of entries) {
      if (kept + entry.size <= this.#maxBytes) kept += entry.size;
      else rmSync(join(this.directory, entry.name), { force: true });
    }
  }
}
