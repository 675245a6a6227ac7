// Go's *fs.PathError text (`open /etc/x: no such file or directory`), which machined's errors and controllers'
// failures carry: the operation Go names, the path, and syscall.Errno's text (Linux strerror, Go's zerrors table).
// One table for every place that prints one, built from node:fs-style errors (code, path, syscall).

const GO_ERRNO_TEXT: Readonly<Record<string, string>> = {
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EIO: 'input/output error',
  EBADF: 'bad file descriptor',
  EACCES: 'permission denied',
  EBUSY: 'device or resource busy',
  EEXIST: 'file exists',
  EXDEV: 'invalid cross-device link',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EINVAL: 'invalid argument',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  ENOSYS: 'function not implemented',
  ENOTEMPTY: 'directory not empty',
  ELOOP: 'too many levels of symbolic links',
};

/** syscall.Errno's text for an error code (`ENOENT` → `no such file or directory`); the code itself if unknown. */
export function goErrnoText(code: string): string {
  return GO_ERRNO_TEXT[code] ?? code;
}

/** `&PathError{Op, Path, Err}` as Go prints it: `lstat /nope: no such file or directory`. */
export function goPathErrorText(op: string, path: string, code: string): string {
  return `${op} ${path}: ${goErrnoText(code)}`;
}

/**
 * The PathError text of a node:fs-style error, Go naming the operation itself (os.ReadDir and os.ReadFile both
 * `open`), so callers pass it; the path defaults to the error's. Errors without a known code or a path keep their
 * own message.
 */
export function goFsErrorText(err: unknown, op: string, path?: string): string {
  const e = err as { code?: unknown; path?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' && e.code in GO_ERRNO_TEXT ? e.code : undefined;
  const where = path ?? (typeof e?.path === 'string' ? e.path : undefined);
  if (code === undefined || where === undefined) return typeof e?.message === 'string' ? e.message : String(err);
  return goPathErrorText(op, where, code);
}

/** errors.Is(err, fs.ErrNotExist), through wrapped causes. */
export function isNotExist(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === 'ENOENT') return true;
  }
  return false;
}
