// Errors shaped like the ones node:fs throws (code, errno, syscall, path, dest and the same message text),
// so code written against node:fs handles a simulated filesystem's failures unchanged.

/** The errno codes this module raises, with libuv's errno numbers and descriptions (as node:fs reports them). */
const ERRNO = {
  EPERM: [-1, 'operation not permitted'],
  ENOENT: [-2, 'no such file or directory'],
  EBADF: [-9, 'bad file descriptor'],
  EACCES: [-13, 'permission denied'],
  EBUSY: [-16, 'resource busy or locked'],
  EEXIST: [-17, 'file already exists'],
  EXDEV: [-18, 'cross-device link not permitted'],
  ENOTDIR: [-20, 'not a directory'],
  EISDIR: [-21, 'illegal operation on a directory'],
  EINVAL: [-22, 'invalid argument'],
  EROFS: [-30, 'read-only file system'],
  ENAMETOOLONG: [-36, 'name too long'],
  ENOSYS: [-38, 'function not implemented'],
  ENOTEMPTY: [-39, 'directory not empty'],
  ELOOP: [-40, 'too many symbolic links encountered'],
} as const satisfies Record<string, readonly [number, string]>;

export type FsErrorCode = keyof typeof ERRNO;

/**
 * A failed filesystem call. `message` reads like node's, e.g.
 * `EROFS: read-only file system, open '/etc/hosts'` or `EXDEV: cross-device link not permitted, rename '/a' -> '/b'`.
 */
export class FsError extends Error {
  /** libuv's negative errno, as node:fs reports it. */
  readonly errno: number;
  readonly code: FsErrorCode;
  /** The system call node would name: `open`, `stat`, `scandir`, `rename`, … */
  readonly syscall: string;
  // Declared, not initialised: like node's errors, an error has no `path`/`dest` property when there is none.
  declare readonly path?: string;
  declare readonly dest?: string;

  constructor(code: FsErrorCode, syscall: string, path?: string, dest?: string) {
    super(fsErrorMessage(code, syscall, path, dest));
    const [errno] = ERRNO[code];
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    if (path !== undefined) Object.defineProperty(this, 'path', { value: path, enumerable: true });
    if (dest !== undefined) Object.defineProperty(this, 'dest', { value: dest, enumerable: true });
  }

  /** Discriminant; on the prototype so an error's own keys are node's (errno, code, syscall, path, dest). */
  get kind(): 'fs-error' {
    return 'fs-error';
  }
}

/**
 * An FsError without a captured stack, for failures path resolution reports: most are control flow (a controller
 * asking whether a file exists, a fleet of nodes asking thousands of times at boot) and the calls around resolution
 * raise their own error, with a stack, in the caller's name. The message names the call and path in full.
 */
export function stacklessFsError(code: FsErrorCode, syscall: string, path?: string): FsError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new FsError(code, syscall, path);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The message node:fs would give for this failure. */
export function fsErrorMessage(code: FsErrorCode, syscall: string, path?: string, dest?: string): string {
  const [, description] = ERRNO[code];
  let message = `${code}: ${description}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  return message;
}

/** True for an FsError, optionally only for one code. */
export function isFsError(err: unknown, code?: FsErrorCode): err is FsError {
  return err instanceof FsError && (code === undefined || err.code === code);
}

/** True when the call failed because the filesystem is read-only. */
export function isReadOnlyError(err: unknown): err is FsError {
  return isFsError(err, 'EROFS');
}

/** True when the path (or a component of it) does not exist. */
export function isNotFoundError(err: unknown): err is FsError {
  return isFsError(err, 'ENOENT');
}

/**
 * node's `rm` of a directory without `recursive`: not an errno error but a SystemError with code ERR_FS_EISDIR,
 * its message and fields as node's (`Path is a directory: rm returned EISDIR (is a directory) <path>`).
 */
export class RmDirectoryError extends Error {
  readonly code = 'ERR_FS_EISDIR';
  readonly errno: number;
  readonly syscall = 'rm';
  readonly info: { code: 'EISDIR'; message: string; path: string; syscall: 'rm'; errno: number };

  constructor(readonly path: string) {
    // node builds this one from the C library's errno and strerror text, not libuv's
    const errno = -ERRNO.EISDIR[0];
    super(`Path is a directory: rm returned EISDIR (is a directory) ${path}`);
    this.name = 'SystemError';
    this.errno = errno;
    this.info = { code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno };
  }
}
