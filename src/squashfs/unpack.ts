// Extracts a whole image into a directory as `unsquashfs -d` does: modes, mtimes, symlinks,
// hard links; devices, fifos and ownership only as root (skipped with a warning otherwise).
// Nothing is written outside the target: it must be new or empty, every entry is created
// exclusively (never through an existing path or symlink), and names are single components
// (the directory reader rejects "..", "/" and duplicates as corrupt metadata).
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
  utimesSync,
} from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { SquashfsImage } from './squashfs-image.js';
import { SquashfsReadPool } from './squashfs-read-pool.js';
import type { SquashfsStats } from './stats.js';
import { type FileMetadata, writeExtractedFile } from './unpack-writer.js';

export interface UnpackOptions {
  /** Restore uid/gid. Default: true when running as root. */
  readonly ownership?: boolean;
  /** Create block/character devices and fifos (mknod needs root). Default: true when running as root. */
  readonly specialFiles?: boolean;
  /** Worker threads decompressing and writing files; 0 decodes in this thread. Default 0. */
  readonly workers?: number;
  /** Receives one line per skipped entry or dropped attribute. */
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
  const jobs: { path: string; dest: string; meta: FileMetadata; size: number }[] = [];
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

  for (const entry of image.walk()) {
    const s = entry.stats;
    const dest = entry.path === '/' ? base : destination(base, entry.path);
    switch (s.kind) {
      case 'directory':
        if (dest !== base) mkdirSync(dest, 0o700);
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
        jobs.push({ path: entry.path, dest, meta: meta(s), size: s.size });
        counts.files++;
        break;
      }
      case 'symlink':
        symlinkSync(entry.target ?? '', dest);
        if (o.ownership) lchownSync(dest, s.uid, s.gid);
        lutimesSync(dest, s.mtime, s.mtime);
        counts.symlinks++;
        break;
      default:
        if (o.specialFiles && s.kind !== 'socket' && makeNode(dest, s)) {
          if (o.ownership) chownSync(dest, s.uid, s.gid);
          chmodSync(dest, s.mode & 0o7777);
          utimesSync(dest, s.mtime, s.mtime);
          counts.specialFiles++;
        } else {
          o.onWarning(`skipped ${s.kind} ${entry.path.slice(1)}${o.specialFiles ? '' : ' (needs root)'}`);
          counts.skipped++;
        }
    }
  }
  await writeFiles(image, jobs, o.workers);
  for (const [from, to] of links) linkSync(from, to);
  // directories last and deepest first, so read-only modes and mtimes survive their children
  for (const [dest, s] of directories.reverse()) {
    if (o.ownership) chownSync(dest, s.uid, s.gid);
    chmodSync(dest, s.mode & 0o7777);
    utimesSync(dest, s.mtime, s.mtime);
  }
  return counts;
}

function prepareTarget(base: string): void {
  mkdirSync(base, { recursive: true, mode: 0o700 });
  if (readdirSync(base).length > 0) {
    const err = new Error(`EEXIST: target directory is not empty, unpack '${base}'`) as Error & { code: string };
    err.code = 'EEXIST';
    throw err;
  }
}

/** The on-disk path of an image path; refuses anything that would leave `base`. */
function destination(base: string, imagePath: string): string {
  const parts = imagePath.split('/').slice(1);
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw new Error(`refusing to unpack "${imagePath}"`);
  const dest = join(base, ...parts);
  if (!dest.startsWith(base + sep)) throw new Error(`refusing to unpack "${imagePath}" outside ${base}`);
  return dest;
}

function makeNode(dest: string, s: SquashfsStats): boolean {
  const args =
    s.kind === 'fifo'
      ? [dest, 'p']
      : [dest, s.kind === 'block-device' ? 'b' : 'c', String(s.rdevMajor), String(s.rdevMinor)];
  return spawnSync('mknod', args, { stdio: 'ignore' }).status === 0;
}

async function writeFiles(
  image: SquashfsImage,
  jobs: readonly { path: string; dest: string; meta: FileMetadata; size: number }[],
  workers: number,
): Promise<void> {
  if (workers > 0 && image.path !== undefined && jobs.length > 0) {
    const pool = await SquashfsReadPool.open(image.path, { workers, open: image.openOptions });
    try {
      await pool.extract(jobs);
    } finally {
      await pool.close();
    }
    return;
  }
  for (const job of jobs) writeExtractedFile(job.dest, image.chunks(job.path), job.size, job.meta);
}
