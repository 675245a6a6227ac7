// The directory a command writes into (`--output out`), and directories created inside it. The target itself is
// named by the user, so a symbolic link in its own path is followed; below it, every directory is checked with
// lstat and created one level at a time, so a symbolic link planted inside the target never leads a write out.
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileKindOf } from './file-kind.js';
import { relativeNames } from './relative-names.js';
import { osError, SafeFsError } from './safe-fs-error.js';

/**
 * Checks a target directory before any work: `'absent'` or `'directory'` (a symbolic link to a directory counts as
 * one); anything else throws SafeFsError `not-a-directory`, naming the path and what it is.
 */
export function checkTargetDirectory(path: string): 'absent' | 'directory' {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(path);
    if (st.isSymbolicLink()) st = lstatSync(realpathSync(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw osError('stat', path, err);
  }
  if (!st.isDirectory()) throw new SafeFsError({ kind: 'not-a-directory', path, fileKind: fileKindOf(st) });
  return 'directory';
}

/** Creates the target directory (and its parents) if needed; returns its real path. Throws SafeFsError. */
export function createTargetDirectory(path: string, options: { readonly mode?: number } = {}): string {
  if (checkTargetDirectory(path) === 'absent') {
    try {
      mkdirSync(path, { recursive: true, mode: options.mode ?? 0o755 });
    } catch (err) {
      throw osError('mkdir', path, err);
    }
    checkTargetDirectory(path);
  }
  try {
    return realpathSync(path);
  } catch (err) {
    throw osError('stat', path, err);
  }
}

/**
 * Makes sure `relativePath` is a directory inside `dir` (an existing directory, used as given): each missing level
 * is created (with `mode`, default 0o755, before the umask), an existing one must be a real directory — a symbolic
 * link or a file on the way throws SafeFsError `symlink` / `not-a-directory`. Returns the directory's path.
 */
export function ensureDirectoryInside(dir: string, relativePath: string, options: { readonly mode?: number } = {}) {
  return ensureNames(dir, relativeNames(relativePath), options.mode ?? 0o755);
}

export function ensureNames(dir: string, names: readonly string[], mode: number): string {
  let path = dir;
  for (const name of names) {
    path = join(path, name);
    let st = lstatOrUndefined(path);
    if (st === undefined) {
      try {
        // not recursive: mkdir never follows a symbolic link at its last component
        mkdirSync(path, { mode });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw osError('mkdir', path, err);
      }
      st = lstatOrUndefined(path);
    }
    if (st === undefined) throw new SafeFsError({ kind: 'not-found', op: 'mkdir', path });
    if (st.isSymbolicLink()) throw new SafeFsError({ kind: 'symlink', path });
    if (!st.isDirectory()) throw new SafeFsError({ kind: 'not-a-directory', path, fileKind: fileKindOf(st) });
  }
  return path;
}

export function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw osError('lstat', path, err);
  }
}
