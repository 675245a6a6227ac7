// The error texts the node commands share: Go's *PathError text for a failed file call on the node (machined's
// errors), talosctl's helpers.AppendErrors list, and cobra's root printing the usage after some errors.
import type { Command } from 'commander';
import type { FsErrorCode } from '../../overlayfs-sim/index.js';

/** Go's syscall.Errno texts (Linux strerror), which machined's errors carry. */
const GO_ERRNO: Readonly<Record<FsErrorCode, string>> = {
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EBADF: 'bad file descriptor',
  EACCES: 'permission denied',
  EBUSY: 'device or resource busy',
  EEXIST: 'file exists',
  EXDEV: 'invalid cross-device link',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EINVAL: 'invalid argument',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  ENOSYS: 'function not implemented',
  ENOTEMPTY: 'directory not empty',
  ELOOP: 'too many levels of symbolic links',
};

export function goErrnoText(code: FsErrorCode): string {
  return GO_ERRNO[code];
}

/** Go's `&PathError{Op, Path, Err}` text: `lstat /nope: no such file or directory`. */
export function goPathError(op: string, path: string, code: FsErrorCode): string {
  return `${op} ${path}: ${GO_ERRNO[code]}`;
}

/**
 * talosctl's helpers.AppendErrors (v1.2.0-beta.0 on): `1 error occurred:` then each error on its own line after
 * one space. fatih/color makes it red only on a terminal; sim prints it as talosctl does into a pipe.
 */
export function appendErrorsText(errors: readonly string[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return `${count} occurred:\n${errors.map((e) => ` ${e}`).join('\n')}`;
}

/** talosctl's root prints the usage after an error whose text mentions `arg(s)`, `flag` or `command`. */
export function withUsageQuirk(message: string, cmd: Command): string {
  return /arg\(s\)|flag|command/.test(message) ? `${message}\n\n${cmd.helpInformation().trimEnd()}` : message;
}
