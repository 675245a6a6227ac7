// A directory of cache entries, one file per key (`<key><suffix>`): read as regular files only (a link at an entry's
// name is not read), written to a temporary name and renamed into place (a reader sees the old entry or the new one,
// never a part), touched when used, and evicted oldest-used first beyond a size bound counted per suffix (a link at
// an entry's name is removed then; a directory is left alone). The temporary file of a writer that died is removed
// once it has been left unchanged for a while. What an entry means and how it is verified belong to
// its user (BootAssetCache, the booted-cluster snapshots of `sim`).
import { lstatSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { createTargetDirectory, readRegularFile, temporaryFileTarget, writeFileInside } from '../safe-fs/index.js';

export interface FileCacheOptions {
  readonly directory: string;
  /** The file name suffix of this cache's entries (`.tsba`): entries of other suffixes are left alone. */
  readonly suffix: string;
  /** Evict the oldest-used entries of this suffix beyond this many bytes; an entry larger than it is never read. */
  readonly maxBytes: number;
}

/** talos-sim's cache directory for an environment: $XDG_CACHE_HOME/talos-sim (when absolute), else ~/.cache/talos-sim. */
function talosSimCacheDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'talos-sim');
}

/** Where built boot assets (and `sim`'s cluster snapshots beside them) are kept for an environment. */
export function defaultBootAssetCacheDirectory(env: Readonly<Record<string, string | undefined>>): string {
  return join(talosSimCacheDirectory(env), 'boot-assets');
}

/** A temporary file unchanged this long belongs to a writer that died: writing an entry takes well under a second. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

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
    this.#removeName(`${key}${this.#suffix}`);
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
    const entries: { name: string; size: number; used: number }[] = [];
    const now = Date.now();
    for (const name of readdirSync(this.directory)) {
      if (this.#isTemporary(name)) {
        this.#removeAbandoned(name, now);
        continue;
      }
      if (!name.endsWith(this.#suffix)) continue;
      try {
        const stat = lstatSync(join(this.directory, name));
        if (stat.isFile()) entries.push({ name, size: stat.size, used: stat.mtimeMs });
        // a link or the like at an entry's name is cleared; a directory is left alone (it may be the user's)
        else if (!stat.isDirectory()) rmSync(join(this.directory, name), { force: true });
      } catch {
        // gone meanwhile (another process evicting), or not ours to remove: the others are still counted
      }
    }
    entries.sort((a, b) => b.used - a.used);
    // the most recently used entries that fit stay
    let kept = 0;
    for (const entry of entries) {
      if (kept + entry.size <= this.#maxBytes) kept += entry.size;
      else this.#removeName(entry.name);
    }
  }

  /** A temporary file of an entry of this cache being written. */
  #isTemporary(name: string): boolean {
    return temporaryFileTarget(name)?.endsWith(this.#suffix) === true;
  }

  /**
   * Removes the temporary file of a writer that was killed (Ctrl-C during a boot, an OOM kill): nothing else ever
   * would. A live writer keeps writing to it, so one left unchanged for ABANDONED_AFTER_MS is abandoned.
   */
  #removeAbandoned(name: string, now: number): void {
    try {
      const stat = lstatSync(join(this.directory, name));
      if (stat.isFile() && now - stat.mtimeMs > ABANDONED_AFTER_MS) this.#removeName(name);
    } catch {
      // gone meanwhile: renamed into place, or removed by another process
    }
  }

  #removeName(name: string): void {
    try {
      rmSync(join(this.directory, name), { force: true });
    } catch {
      // not ours to remove: it stays
    }
  }
}
