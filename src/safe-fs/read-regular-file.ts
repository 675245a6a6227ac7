// Reading an input file: only a regular file is read, and never more than a bound. The path is checked before it is
// opened (opening a device can have effects of its own), opened non-blocking (a FIFO swapped in afterwards cannot
// hang the read) and checked again on the descriptor; the read stops one byte past the bound, so a file that grows
// while it is read cannot make it unbounded either. A path replaced between the check and the opening (a writer
// renaming a complete file into place) is checked and opened again.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { fileKindOf } from './file-kind.js';
import { relativeNames } from './relative-names.js';
import { osError, SafeFsError } from './safe-fs-error.js';

export interface ReadRegularFileOptions {
  /** Larger files are refused (SafeFsError `too-large`, naming the limit) before they are read. */
  readonly maxBytes: number;
  /** Follow a symbolic link at the path (the user named it). Default true; false refuses one (`symlink`). */
  readonly followSymlinks?: boolean;
}

const OPEN = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function statOf(path: string, follow: boolean): Stats {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (err) {
    throw osError('open', path, err);
  }
}

function refuseUnlessRegular(path: string, st: Stats, follow: boolean): void {
  if (st.isFile()) return;
  if (!follow && st.isSymbolicLink()) throw new SafeFsError({ kind: 'symlink', path });
  throw new SafeFsError({ kind: 'not-regular-file', path, fileKind: fileKindOf(st) });
}

/** A path replaced between its check and its opening (an atomic rename by a writer) is checked again this often. */
const ATTEMPTS = 10;

/** The path was replaced between its check and its opening: the check is to be done again on the new file. */
class ReplacedWhileOpened extends Error {}

/** Reads a regular file of at most `maxBytes` bytes. Throws SafeFsError. */
export function readRegularFile(path: string, options: ReadRegularFileOptions): Uint8Array {
  for (let attempt = 1; ; attempt++) {
    try {
      return readOnce(path, options);
    } catch (err) {
      if (!(err instanceof ReplacedWhileOpened)) throw err;
      // another process replaced the file (writers here rename a complete file into place): read the new one
      if (attempt === ATTEMPTS) throw osError('open', path, new Error('file changed while opened'));
    }
  }
}

function readOnce(path: string, options: ReadRegularFileOptions): Uint8Array {
  const follow = options.followSymlinks ?? true;
  const limit = options.maxBytes;
  const before = statOf(path, follow);
  refuseUnlessRegular(path, before, follow);
  if (before.size > limit) throw new SafeFsError({ kind: 'too-large', path, limit });
  let fd: number;
  try {
    fd = openSync(path, OPEN | (follow ? 0 : NOFOLLOW));
  } catch (err) {
    throw osError('open', path, err);
  }
  try {
    const st = fstatSync(fd);
    refuseUnlessRegular(path, st, true);
    if (st.dev !== before.dev || st.ino !== before.ino) throw new ReplacedWhileOpened();
    if (st.size > limit) throw new SafeFsError({ kind: 'too-large', path, limit });
    // one byte more than the limit tells a file that grew past it from one that fits exactly; the buffer grows
    // for files whose size says nothing (/proc)
    let buffer = new Uint8Array(Math.min(st.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw new SafeFsError({ kind: 'too-large', path, limit });
        const grown = new Uint8Array(Math.min(buffer.length * 2, limit + 1));
        grown.set(buffer);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch (err) {
    if (err instanceof ReplacedWhileOpened) throw err;
    throw osError('read', path, err);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the regular file `relativePath` inside `dir`. Symbolic links on the way are followed only while they stay
 * inside `dir`; one that leads out throws SafeFsError `escapes-directory` (and nothing of what it points to is read).
 * A missing file throws `not-found`.
 */
export function readRegularFileInside(
  dir: string,
  relativePath: string,
  options: Pick<ReadRegularFileOptions, 'maxBytes'>,
): Uint8Array {
  const path = join(dir, ...relativeNames(relativePath));
  const real = resolveInside(dir, path);
  // the resolved path has no symbolic link left; refusing one now catches a swap after the check
  return readRegularFile(real, { maxBytes: options.maxBytes, followSymlinks: false });
}

/** The real path of `path`, which must stay inside the real path of `dir`. Throws SafeFsError. */
export function resolveInside(dir: string, path: string): string {
  let root: string;
  let real: string;
  try {
    root = realpathSync(dir);
  } catch (err) {
    throw osError('open', dir, err);
  }
  try {
    real = realpathSync(path);
  } catch (err) {
    throw osError('open', path, err);
  }
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep))
    throw new SafeFsError({ kind: 'escapes-directory', path, directory: dir });
  return real;
}
