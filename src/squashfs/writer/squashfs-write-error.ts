// Typed errors of the squashfs writer. Every message is built here, from the kind and what was
// found; callers (the CLI, the imager) show `message` and branch on `kind`.

export type SquashfsWriteErrorKind =
  /** An option is out of range or not supported with the chosen compressor. */
  | 'invalid-option'
  /** The source tree cannot be stored: a bad name, a directory reached twice, an oversized value. */
  | 'invalid-source'
  /** A file's size changed while it was read, or it could not be read. */
  | 'source-read'
  /** The image would exceed a squashfs limit (ids, inodes, sizes). */
  | 'too-large'
  /** The compressor is supported, but its encoder cannot be used here (an optional package, WASM). */
  | 'encoder-unavailable';

export class SquashfsWriteError extends Error {
  readonly kind: SquashfsWriteErrorKind;
  /** Path inside the tree ("/etc/x") the error is about, when there is one. */
  readonly path: string | undefined;
  readonly detail: string;

  private constructor(kind: SquashfsWriteErrorKind, detail: string, path?: string, cause?: unknown) {
    super(path === undefined ? detail : `${path}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'SquashfsWriteError';
    this.kind = kind;
    this.path = path;
    this.detail = detail;
  }

  static invalidOption(option: string, what: string): SquashfsWriteError {
    return new SquashfsWriteError('invalid-option', `invalid option ${option}: ${what}`);
  }

  static invalidSource(path: string, what: string): SquashfsWriteError {
    return new SquashfsWriteError('invalid-source', what, path);
  }

  /** `cause`: the error of the failed call (a node:fs error, with its code and syscall), when there is one. */
  static sourceRead(path: string, what: string, cause?: unknown): SquashfsWriteError {
    return new SquashfsWriteError('source-read', `cannot read: ${what}`, path, cause);
  }

  static encoderUnavailable(compressor: string, why: string): SquashfsWriteError {
    return new SquashfsWriteError('encoder-unavailable', `the ${compressor} encoder cannot be used: ${why}`);
  }

  static tooLarge(what: string): SquashfsWriteError {
    return new SquashfsWriteError('too-large', `image too large: ${what}`);
  }
}

export function isSquashfsWriteError(err: unknown, kind?: SquashfsWriteErrorKind): err is SquashfsWriteError {
  return err instanceof SquashfsWriteError && (kind === undefined || err.kind === kind);
}
