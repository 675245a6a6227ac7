// Writing a file inside a target directory without ever writing anywhere else. The bytes go to a fresh temporary
// name in the file's own directory (created with O_EXCL and O_NOFOLLOW, so nothing planted there is followed or
// reused); commit then puts the file in place: `atomic` renames it over whatever was at the name (a symbolic link
// there is replaced, never followed), `exclusive` hard-links it to the name, which fails if anything is there.
// Readers never see a partial file, and an aborted write leaves nothing behind.
//
// Node has no openat(2), so a directory swapped for a symbolic link by a concurrent process between the checks and
// the writes is caught by comparing the directory's real path just before commit: it narrows that window, it cannot
// close it. Sequential use by one user, the CLI's case, is safe.
import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { relativeNames } from './relative-names.js';
import { osError, SafeFsError } from './safe-fs-error.js';
import { ensureNames, lstatOrUndefined } from './target-directory.js';

/** `atomic`: replace what is at the name (not a directory) in one rename. `exclusive`: fail if anything is there. */
export type ReplacePolicy = 'atomic' | 'exclusive';

export interface WriteInsideOptions {
  readonly replace: ReplacePolicy;
  /** Permission bits of a new file, before the umask. Default 0o644. */
  readonly mode?: number;
  /** Permission bits of directories created on the way, before the umask. Default 0o755. */
  readonly directoryMode?: number;
  /** fsync the file before it is put in place (kept state that must survive a crash). Default false. */
  readonly durable?: boolean;
}

/** An open output file; nothing is visible at its name until commit. */
export interface SafeFileWriter {
  /** Where the file will be once committed. */
  readonly path: string;
  /** Bytes written so far by `write` (the end of the file). */
  readonly position: number;
  /** Appends bytes. */
  write(chunk: Uint8Array): void;
  /** Overwrites bytes already written (a header known only at the end). */
  writeAt(position: number, bytes: Uint8Array): void;
  /** Puts the file in place. Throws SafeFsError; the temporary file is removed either way. */
  commit(): void;
  /** Drops the file; safe to call at any time, also after commit (then it does nothing). */
  abort(): void;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;
let sequence = 0;

/** The name of a new temporary file for the file `name`: `.<name>.<pid>.<n>.tmp`, beside it. */
function temporaryName(name: string): string {
  return `.${name}.${process.pid}.${++sequence}.tmp`;
}

/** The file a temporary file (named as temporaryName names them) was to become, or undefined for other names. */
export function temporaryFileTarget(name: string): string | undefined {
  return /^\.(.+)\.\d+\.\d+\.tmp$/.exec(name)?.[1];
}

interface Placement {
  readonly parent: string;
  readonly realParent: string;
  readonly name: string;
  readonly path: string;
}

function place(dir: string, relativePath: string, options: WriteInsideOptions): Placement {
  const names = relativeNames(relativePath);
  const name = names.pop();
  if (name === undefined) throw new SafeFsError({ kind: 'invalid-path', path: relativePath, reason: 'names no file' });
  const parent = ensureNames(dir, names, options.directoryMode ?? 0o755);
  const path = join(parent, name);
  const existing = lstatOrUndefined(path);
  if (existing !== undefined) {
    if (options.replace === 'exclusive') throw new SafeFsError({ kind: 'exists', path });
    if (existing.isDirectory())
      throw osError('write', path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  }
  return { parent, realParent: realpath(parent), name, path };
}

function realpath(path: string): string {
  try {
    return realpathSync(path);
  } catch (err) {
    throw osError('stat', path, err);
  }
}

/** Creates a temporary file next to the target; returns its path and descriptor. */
function createTemporary(p: Placement, mode: number): { temp: string; fd: number } {
  for (;;) {
    const temp = join(p.parent, temporaryName(p.name));
    try {
      return { temp, fd: openSync(temp, CREATE, mode) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw osError('open', temp, err);
    }
  }
}

/** Moves the finished temporary file to its name according to the policy. */
function putInPlace(temp: string, p: Placement, replace: ReplacePolicy): void {
  // the directory checked when the write began must still be the same one
  if (realpath(p.parent) !== p.realParent)
    throw new SafeFsError({ kind: 'escapes-directory', path: p.path, directory: p.realParent });
  if (replace === 'atomic') {
    try {
      renameSync(temp, p.path);
    } catch (err) {
      throw osError('rename', p.path, err);
    }
    return;
  }
  try {
    linkSync(temp, p.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new SafeFsError({ kind: 'exists', path: p.path });
    throw osError('link', p.path, err);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Opens a file for writing inside `dir` (an existing directory). Throws SafeFsError. */
export function openFileInside(dir: string, relativePath: string, options: WriteInsideOptions): SafeFileWriter {
  const p = place(dir, relativePath, options);
  const { temp, fd: opened } = createTemporary(p, options.mode ?? 0o644);
  let fd: number | undefined = opened;
  const descriptor = (): number => {
    if (fd === undefined) throw osError('write', p.path, new Error('file already closed'));
    return fd;
  };
  const writeAll = (bytes: Uint8Array, at: number) => {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(descriptor(), bytes, done, bytes.length - done, at + done);
    } catch (err) {
      throw osError('write', p.path, err);
    }
  };
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  let finished = false;
  const writer: SafeFileWriter = {
    path: p.path,
    position: 0,
    write(chunk) {
      writeAll(chunk, writer.position);
      (writer as { position: number }).position += chunk.length;
    },
    writeAt(position, bytes) {
      writeAll(bytes, position);
    },
    commit() {
      if (finished) throw osError('write', p.path, new Error('file already committed or aborted'));
      finished = true;
      let renamed = false;
      try {
        if (options.durable === true) fsyncSync(descriptor());
        close();
        putInPlace(temp, p, options.replace);
        renamed = options.replace === 'atomic';
      } finally {
        close();
        // after a link (or a failure) the temporary name is left to drop; after a rename it is gone
        if (!renamed) removeQuietly(temp);
      }
    },
    abort() {
      if (finished) return;
      finished = true;
      close();
      removeQuietly(temp);
    },
  };
  return writer;
}

/** Writes `data` as the file `relativePath` inside `dir`; returns the path written. Throws SafeFsError. */
export function writeFileInside(
  dir: string,
  relativePath: string,
  data: Uint8Array | string,
  options: WriteInsideOptions,
): string {
  const writer = openFileInside(dir, relativePath, options);
  try {
    writer.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    writer.commit();
  } catch (err) {
    writer.abort();
    throw err;
  }
  return writer.path;
}

/** Creates a symbolic link inside `dir` (its target is stored as given, not followed). Throws SafeFsError. */
export function symlinkInside(
  dir: string,
  relativePath: string,
  target: string,
  options: Pick<WriteInsideOptions, 'replace' | 'directoryMode'>,
): string {
  const p = place(dir, relativePath, options);
  if (options.replace === 'exclusive') {
    try {
      symlinkSync(target, p.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new SafeFsError({ kind: 'exists', path: p.path });
      throw osError('symlink', p.path, err);
    }
    return p.path;
  }
  for (;;) {
    const temp = join(p.parent, temporaryName(p.name));
    try {
      symlinkSync(target, temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw osError('symlink', temp, err);
    }
    try {
      putInPlace(temp, p, 'atomic');
    } catch (err) {
      removeQuietly(temp);
      throw err;
    }
    return p.path;
  }
}
