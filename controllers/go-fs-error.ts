// Go's text for a failed file operation (*fs.PathError: `<op> <path>: <errno text>`), from a node:fs-style error
// (code, path). Go names the operation itself (os.ReadDir and os.ReadFile both `open`), so callers pass it.

/** syscall.Errno texts (Linux, Go's zerrors table) for the codes a filesystem facade raises. */
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

/** `open /usr/share/spdx: no such file or directory`; errors without a code keep their own message. */
export function goFsErrorText(err: unknown, op: string, path?: string): string {
  const e = err as { code?: unknown; path?: unknown; message?: unknown };
  const text = typeof e.code === 'string' ? GO_ERRNO_TEXT[e.code] : undefined;
  const where = path ?? (typeof e.path === 'string' ? e.path : undefined);
  if (text === undefined || where === undefined) return typeof e.message === 'string' ? e.message : String(err);
  return `${op} ${where}: ${text}`;
}

/** errors.Is(err, fs.ErrNotExist) */
export function isNotExist(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === 'ENOENT') return true;
  }
  return false;
}
