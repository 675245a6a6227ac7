// Errors of reading inputs and writing outputs safely: each names the path and what was wrong with it, with Go's
// `op path: reason` shape where an operating-system error is behind it. No message ever quotes file contents.
import type { FileKind } from './file-kind.js';
import { describeFileKind } from './file-kind.js';

export type SafeFsErrorKind =
  | 'invalid-path'
  | 'not-found'
  | 'not-regular-file'
  | 'not-a-directory'
  | 'symlink'
  | 'escapes-directory'
  | 'exists'
  | 'too-large'
  | 'io';

export type SafeFsErrorDetail =
  | { readonly kind: 'invalid-path'; readonly path: string; readonly reason: string }
  | { readonly kind: 'not-found'; readonly op: string; readonly path: string }
  | { readonly kind: 'not-regular-file'; readonly path: string; readonly fileKind: FileKind }
  | { readonly kind: 'not-a-directory'; readonly path: string; readonly fileKind: FileKind }
  | { readonly kind: 'symlink'; readonly path: string }
  | { readonly kind: 'escapes-directory'; readonly path: string; readonly directory: string }
  | { readonly kind: 'exists'; readonly path: string }
  | { readonly kind: 'too-large'; readonly path: string; readonly limit: number }
  | { readonly kind: 'io'; readonly op: string; readonly path: string; readonly reason: string; readonly cause: Error };

/** A byte count as `1048576 bytes (1 MiB)`, so a limit reads at a glance and exactly. */
export function formatByteLimit(bytes: number): string {
  const units: [number, string][] = [
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  const unit = units.find(([size]) => bytes >= size && bytes % size === 0);
  return unit === undefined ? `${bytes} bytes` : `${bytes} bytes (${bytes / unit[0]} ${unit[1]})`;
}

function message(d: SafeFsErrorDetail): string {
  switch (d.kind) {
    case 'invalid-path':
      return `invalid path ${JSON.stringify(d.path)}: ${d.reason}`;
    case 'not-found':
      return `${d.op} ${d.path}: no such file or directory`;
    case 'not-regular-file':
      return `read ${d.path}: not a regular file (${describeFileKind(d.fileKind)})`;
    case 'not-a-directory':
      return `${d.path}: not a directory (${describeFileKind(d.fileKind)})`;
    case 'symlink':
      return `${d.path} is a symbolic link: talos-sim never writes through one`;
    case 'escapes-directory':
      return `${d.path}: symbolic link leads outside ${d.directory}`;
    case 'exists':
      return `${d.path} already exists`;
    case 'too-large':
      return `${d.path} is larger than the limit of ${formatByteLimit(d.limit)}`;
    case 'io':
      return `${d.op} ${d.path}: ${d.reason}`;
  }
}

export class SafeFsError extends Error {
  readonly kind: SafeFsErrorKind;
  readonly detail: SafeFsErrorDetail;

  constructor(detail: SafeFsErrorDetail) {
    super(message(detail), 'cause' in detail ? { cause: detail.cause } : undefined);
    this.name = 'SafeFsError';
    this.kind = detail.kind;
    this.detail = detail;
  }
}

export function isSafeFsError(err: unknown): err is SafeFsError {
  return err instanceof SafeFsError;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'file exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  EXDEV: 'invalid cross-device link',
};

/** An operating-system error as a SafeFsError (`not-found` for ENOENT), with Go's wording of the errno. */
export function osError(op: string, path: string, err: unknown): SafeFsError {
  if (isSafeFsError(err)) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new SafeFsError({ kind: 'not-found', op, path });
  const cause = err instanceof Error ? err : new Error(String(err));
  const reason = (code !== undefined ? REASONS[code] : undefined) ?? cause.message;
  return new SafeFsError({ kind: 'io', op, path, reason, cause });
}
