// Path-level errors (no such file, not a directory, ...) shaped like Node's fs errors, so a
// node:fs-style facade or an overlay can pass them through unchanged. Structural faults in the
// image are SquashfsError instead.

const DESCRIPTIONS = {
  ENOENT: { errno: -2, text: 'no such file or directory' },
  ENOTDIR: { errno: -20, text: 'not a directory' },
  EISDIR: { errno: -21, text: 'illegal operation on a directory' },
  EINVAL: { errno: -22, text: 'invalid argument' },
  EFBIG: { errno: -27, text: 'file too large' },
  ELOOP: { errno: -40, text: 'too many symbolic links encountered' },
  ENODATA: { errno: -61, text: 'no data available' },
  ENOTSUP: { errno: -95, text: 'operation not supported' },
} as const;

export type SquashfsFsErrorCode = keyof typeof DESCRIPTIONS;

export class SquashfsFsError extends Error {
  readonly code: SquashfsFsErrorCode;
  readonly errno: number;
  readonly syscall: string;
  readonly path: string;

  constructor(code: SquashfsFsErrorCode, syscall: string, path: string) {
    const d = DESCRIPTIONS[code];
    super(`${code}: ${d.text}, ${syscall} '${path}'`);
    this.name = 'SquashfsFsError';
    this.code = code;
    this.errno = d.errno;
    this.syscall = syscall;
    this.path = path;
  }
}

export function isSquashfsFsError(err: unknown, code?: SquashfsFsErrorCode): err is SquashfsFsError {
  return err instanceof SquashfsFsError && (code === undefined || err.code === code);
}

/** True for ENOENT, the answer an overlay layer treats as "not in this layer". */
export function isNotFound(err: unknown): boolean {
  return isSquashfsFsError(err, 'ENOENT');
}
