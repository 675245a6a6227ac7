// Go's *fs.PathError text for a failed call on the node's filesystem (`stat /x: no such file or directory`), built
// from the node:fs-style error the facade throws, so messages read as machined's would.

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EEXIST: 'file exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EINVAL: 'invalid argument',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  ENOTEMPTY: 'directory not empty',
};

/** `<op> <path>: <errno text>`; falls back to the error's own message. */
export function goPathError(err: unknown, op: string, path: string): string {
  const code = (err as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? ERRNO_TEXT[code] : undefined;
  if (text === undefined) return err instanceof Error ? err.message : String(err);
  return `${op} ${path}: ${text}`;
}

/** Whether the error is ENOENT (Go's errors.Is(err, fs.ErrNotExist)). */
export function isNotExist(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ENOENT';
}
