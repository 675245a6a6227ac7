// Path resolution through a mount table, as Linux's path walk does it: one component at a time, crossing mount
// points, following symlinks (relative to their directory, absolute ones from the namespace root), `..` after
// the symlinks before it, and never above the root: `..` at the root stays there and absolute targets resolve
// inside the namespace. More than 40 symlinks in one resolution fail with ELOOP, as on Linux.
import { type Credentials, permits, ROOT_CREDENTIALS, X_OK } from './credentials.js';
import type { Dentry } from './filesystem.js';
import { stacklessFsError } from './fs-error.js';
import type { MountInfo, MountTable } from './mount-table.js';
import { joinPath } from './overlay-dentry.js';

/** A resolved position in the namespace: the mount, the entry inside its filesystem, and the physical path. */
export interface Location {
  readonly mount: MountInfo;
  readonly dentry: Dentry;
  readonly path: string;
}

export interface ResolveOptions {
  /** Follow a symlink in the last component (stat) or not (lstat, unlink, rename). */
  readonly follow: boolean;
  /** Return the parent when only the last component is missing (for calls that create it). */
  readonly allowMissing?: boolean;
  /** System call named in errors. */
  readonly syscall: string;
  readonly credentials?: Credentials;
  /**
   * Creating a regular file (open with O_CREAT): a last name that must be a directory (a trailing slash, in the path
   * or in the target of a symlink followed at its end) is EISDIR as soon as it is reached, as open(2) has it.
   */
  readonly createFile?: boolean;
}

export interface Resolution {
  /** The entry, or undefined when it is missing and `allowMissing` was set. */
  readonly location: Location | undefined;
  /** The directory holding the last component (the root for `/`). */
  readonly parent: Location;
  /** The last component's name; empty for the root and for paths ending in `.` or `..`. */
  readonly name: string;
  /** The path ended with `/`, `/.` or `/..`: the entry must be a directory. */
  readonly directoryOnly: boolean;
}

/** Linux's MAXSYMLINKS. */
export const MAX_SYMLINKS = 40;

/**
 * Pushes a path's components in reverse order (so `pop` yields them in order), without empty ones. `.` stays: like
 * any name it is looked up in a directory, so what precedes it must exist and be one ("missing/." is ENOENT).
 */
function pushComponents(stack: string[], path: string): void {
  let end = path.length;
  for (let i = path.length - 1; i >= -1; i--) {
    if (i === -1 || path.charCodeAt(i) === 47) {
      if (end > i + 1) {
        stack.push(path.slice(i + 1, end));
      }
      end = i;
    }
  }
}

/**
 * `path` without trailing slashes (the root stays `/`): how calls that never follow their last name (mkdir, rename)
 * look it up; for them a trailing slash only demands a directory.
 */
export const withoutTrailingSlashes = (path: string): string => path.replace(/(?<=[^/])\/+$/, '');

const endsAsDirectory = (path: string): boolean =>
  path.endsWith('/') || path.endsWith('/.') || path.endsWith('/..') || path === '.' || path === '..';

/** The name a path ends in, ignoring trailing slashes; empty for `.`, `..` and the root. */
function lastNameOf(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  const name = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  return name === '.' || name === '..' ? '' : name;
}

export function resolvePath(table: MountTable, path: string, options: ResolveOptions): Resolution {
  const { syscall } = options;
  const credentials = options.credentials ?? ROOT_CREDENTIALS;
  if (path === '') throw stacklessFsError('ENOENT', syscall, path);
  if (path.includes('\0')) throw stacklessFsError('EINVAL', syscall, path);
  const root = table.rootLocation();
  const walked: Location[] = [root];
  const pending: string[] = [];
  pushComponents(pending, path);
  let directoryOnly = endsAsDirectory(path);
  let lastName = lastNameOf(path);
  let hops = 0;
  let missingParent: Location | undefined;
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const at = walked[walked.length - 1] as Location;
    // Errors name the physical path where resolution stopped; node's JavaScript realpath reports that one.
    // ".." too is looked up in a directory, with search permission: "file/.." is ENOTDIR, as in Linux.
    if (at.dentry.type !== 'directory') throw stacklessFsError('ENOTDIR', syscall, joinPath(at.path, name));
    if (credentials.uid !== 0 && !permits(at.mount.filesystem.stat(at.dentry), credentials, X_OK)) {
      throw stacklessFsError('EACCES', syscall, path);
    }
    const isLast = pending.length === 0;
    // ("." and ".." are not names here: O_CREAT|O_EXCL on them is EEXIST, plain O_CREAT EISDIR, once found)
    if (isLast && directoryOnly && options.createFile === true && name !== '.' && name !== '..') {
      throw stacklessFsError('EISDIR', syscall, path);
    }
    if (name === '.') continue;
    if (name === '..') {
      if (walked.length > 1) walked.pop();
      continue;
    }
    const next = table.child(at, name);
    if (next === undefined) {
      if (isLast && options.allowMissing === true) {
        missingParent = at;
        lastName = name;
        break;
      }
      throw stacklessFsError('ENOENT', syscall, joinPath(at.path, name));
    }
    if (next.dentry.type === 'symlink' && (!isLast || options.follow || directoryOnly)) {
      if (++hops > MAX_SYMLINKS) throw stacklessFsError('ELOOP', syscall, next.path);
      const target = next.mount.filesystem.readlink(next.dentry);
      if (target === '') throw stacklessFsError('ENOENT', syscall, next.path);
      if (target.startsWith('/')) walked.length = 1;
      pushComponents(pending, target);
      if (isLast) {
        directoryOnly ||= endsAsDirectory(target);
        lastName = lastNameOf(target);
      }
      continue;
    }
    walked.push(next);
  }
  if (missingParent !== undefined) {
    return { location: undefined, parent: missingParent, name: lastName, directoryOnly };
  }
  const location = walked[walked.length - 1] as Location;
  if (directoryOnly && location.dentry.type !== 'directory') throw stacklessFsError('ENOTDIR', syscall, location.path);
  const parent = walked.length > 1 ? (walked[walked.length - 2] as Location) : location;
  return { location, parent, name: walked.length > 1 ? lastName : '', directoryOnly };
}
