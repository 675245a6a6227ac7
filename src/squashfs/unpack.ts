// Extracts a whole image into a directory as `unsquashfs -d` does: modes, mtimes, symlinks,
// hard links; devices, fifos and ownership only as root (skipped with a warning otherwise).
// Nothing is written outside the target: it must be new or empty, every entry is created
// exclusively (never through an existing path or symlink), and names are single components
// (the directory reader rejects "..", "/" and duplicates as corrupt metadata). Names are bytes: one that is not
// UTF-8 is created with exactly its bytes (see name-bytes.ts), as unsquashfs creates it.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lchownSync,
  linkSync,
  lutimesSync,
  mkdirSync,
  readdirSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { fsPath } from './name-bytes.js';
import type { ExtractJob } from './read-pool-messages.js';
import type { SquashfsImage } from './squashfs-image.js';
import { BATCH_BYTES, BATCH_FILES, SquashfsReadPool } from './squashfs-read-pool.js';
import type { SquashfsStats } from './stats.js';
import { type FileMetadata, writeExtractedFile } from './unpack-writer.js';

export interface UnpackOptions {
  /** Restore uid/gid. Default: true when running as root. */
  readonly ownership?: boolean;
  /** Create block/character devices and fifos (mknod needs root). Default: true when running as root. */
  readonly specialFiles?: boolean;
  /**
   * Worker threads decompressing and writing files, a whole number from 0 to 256 of which at most one per core is
   * started; 0 decodes in this thread. Default 0.
   */
  readonly workers?: number;
  /** Receives one line per skipped entry, and per entry whose extended attributes were not restored. */
  readonly onWarning?: (message: string) => void;
}

export interface UnpackSummary {
  readonly directories: number;
  readonly files: number;
  readonly symlinks: number;
  readonly hardLinks: number;
  readonly specialFiles: number;
  readonly skipped: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function resolveUnpackOptions(o: UnpackOptions): Required<UnpackOptions> {
  const root = isRoot();
  return { ownership: root, specialFiles: root, workers: 0, onWarning: () => {}, ...o };
}

/** Creates `target` (which must not exist or be empty) and extracts the image into it. */
export async function unpack(
  image: SquashfsImage,
  target: string,
  options: UnpackOptions = {},
): Promise<UnpackSummary> {
  const o = resolveUnpackOptions(options);
  const base = resolve(target);
  prepareTarget(base);
  const counts = { directories: 0, files: 0, symlinks: 0, hardLinks: 0, specialFiles: 0, skipped: 0 };
  const directories: [string, SquashfsStats][] = [];
  const files = new FileWriter(image, o.workers);
  const links: [string, string][] = [];
  const firstPathOfInode = new Map<number, string>();
  const meta = (s: SquashfsStats): FileMetadata => ({
    mode: s.mode,
    uid: s.uid,
    gid: s.gid,
    mtime: s.mtime,
    ownership: o.ownership,
  });
  if (!o.ownership && !isRoot()) o.onWarning('ownership not restored: not running as root');

  try {
    let seen = 0;
    for (const entry of image.walk()) {
      // let the pool hand out batches (its replies need the event loop) while the walk goes on
      if (++seen % 512 === 0) await new Promise((resolve) => setImmediate(resolve));
      const s = entry.stats;
      const dest = entry.path === '/' ? base : destination(base, entry.path);
      const at = fsPath(dest);
      // node:fs has no setxattr: unsquashfs -d restores them, this says what was dropped
      const xattrs = image.listXattrs(entry.path);
      if (xattrs.length > 0) {
        o.onWarning(`extended attributes not restored on ${entry.path.slice(1) || '.'}: ${xattrs.sort().join(', ')}`);
      }
      switch (s.kind) {
        case 'directory':
          if (dest !== base) mkdirSync(at, 0o700);
          directories.push([dest, s]);
          counts.directories++;
          break;
        case 'file': {
          const first = s.nlink > 1 ? firstPathOfInode.get(s.ino) : undefined;
          if (first !== undefined) {
            links.push([first, dest]);
            counts.hardLinks++;
            break;
          }
          if (s.nlink > 1) firstPathOfInode.set(s.ino, dest);
          files.add({ path: entry.path, dest, meta: meta(s), size: s.size });
          counts.files++;
          break;
        }
        case 'symlink':
          symlinkSync(fsPath(entry.target ?? ''), at);
          if (o.ownership) lchownSync(at, s.uid, s.gid);
          lutimesSync(at, s.mtime, s.mtime);
          counts.symlinks++;
          break;
        default:
          if (o.specialFiles && s.kind !== 'socket' && makeNode(base, dest, s)) {
            if (o.ownership) chownSync(at, s.uid, s.gid);
            chmodSync(at, s.mode & 0o7777);
            utimesSync(at, s.mtime, s.mtime);
            counts.specialFiles++;
          } else {
            o.onWarning(`skipped ${s.kind} ${entry.path.slice(1)}${o.specialFiles ? '' : ' (needs root)'}`);
            counts.skipped++;
          }
      }
    }
  } catch (err) {
    await files.abort();
    throw err;
  }
  await files.finish();
  for (const [from, to] of links) linkSync(fsPath(from), fsPath(to));
  // directories last and deepest first, so read-only modes and mtimes survive their children
  for (const [dest, s] of directories.reverse()) {
    const at = fsPath(dest);
    if (o.ownership) chownSync(at, s.uid, s.gid);
    chmodSync(at, s.mode & 0o7777);
    utimesSync(at, s.mtime, s.mtime);
  }
  return counts;
}

function prepareTarget(base: string): void {
  mkdirSync(base, { recursive: true, mode: 0o700 });
  if (readdirSync(base).length > 0) {
    // shaped as node:fs errors are (code, syscall, path), so callers word it as they word those
    throw Object.assign(new Error(`ENOTEMPTY: target directory is not empty, unpack '${base}'`), {
      code: 'ENOTEMPTY',
      syscall: 'unpack',
      path: base,
    });
  }
}

/**
 * The on-disk path of an image path. The directory reader already refuses names that are
 * empty, ".", ".." or hold "/" or NUL; this re-checks cheaply, as the last line of defence.
 */
function destination(base: string, imagePath: string): string {
  if (
    imagePath.includes('/../') ||
    imagePath.endsWith('/..') ||
    imagePath.includes('/./') ||
    imagePath.includes('//')
  ) {
    throw new Error(`refusing to unpack "${imagePath}"`);
  }
  return base + imagePath;
}

let nodeSerial = 0;

/**
 * mknod(1) (Node has no mknod call). Arguments pass through as UTF-8, so a path that is not UTF-8 is made under a
 * temporary name in the target's root (whose path the caller gave as a string) and then linked to its own bytes
 * (link fails rather than replace anything there).
 */
function makeNode(base: string, dest: string, s: SquashfsStats): boolean {
  const bytes = fsPath(dest);
  const made = typeof bytes === 'string' ? dest : `${base}/.sim-mknod-${process.pid}-${nodeSerial++}`;
  const args =
    s.kind === 'fifo'
      ? [made, 'p']
      : [made, s.kind === 'block-device' ? 'b' : 'c', String(s.rdevMajor), String(s.rdevMinor)];
  if (spawnSync('mknod', args, { stdio: 'ignore' }).status !== 0) return false;
  if (made !== dest) {
    try {
      linkSync(made, bytes);
    } finally {
      unlinkSync(made);
    }
  }
  return true;
}

/**
 * Writes regular files as the walk finds them: in this thread, or in batches handed to a read
 * pool started up front, so worker start-up and decompression overlap the walk.
 */
class FileWriter {
  private readonly pool: SquashfsReadPool | undefined;
  private batch: ExtractJob[] = [];
  private batchBytes = 0;
  private readonly sent: Promise<void>[] = [];

  constructor(
    private readonly image: SquashfsImage,
    workers: number,
  ) {
    this.pool =
      workers > 0 && image.path !== undefined
        ? SquashfsReadPool.start(image.path, { workers, open: image.openOptions })
        : undefined;
  }

  add(job: ExtractJob): void {
    if (this.pool === undefined) {
      writeExtractedFile(job.dest, this.image.chunks(job.path, { transient: true }), job.size, job.meta);
      return;
    }
    this.batch.push(job);
    this.batchBytes += job.size;
    if (this.batch.length >= BATCH_FILES || this.batchBytes >= BATCH_BYTES) this.flush();
  }

  async finish(): Promise<void> {
    if (this.pool === undefined) return;
    this.flush();
    try {
      await Promise.all(this.sent);
      await this.pool.ready;
    } finally {
      await this.pool.close();
    }
  }

  /** Stops the workers after a failure; files already written stay. */
  async abort(): Promise<void> {
    await this.pool?.close();
  }

  private flush(): void {
    if (this.pool === undefined || this.batch.length === 0) return;
    const done = this.pool.extract(this.batch);
    done.catch(() => {});
    this.sent.push(done);
    this.batch = [];
    this.batchBytes = 0;
  }
}
