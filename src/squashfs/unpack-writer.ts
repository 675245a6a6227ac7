// Writes one extracted regular file. Shared by unpack (in this thread) and the read-pool
// workers. The file is created exclusively and never through a symlink, so nothing already on
// disk can redirect the write; ownership goes first because chown clears setuid/setgid bits.
import { closeSync, constants, fchmodSync, fchownSync, futimesSync, openSync, writeSync } from 'node:fs';

export interface FileMetadata {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  /** Apply uid/gid (needs root). */
  readonly ownership: boolean;
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export function writeExtractedFile(dest: string, data: Uint8Array, meta: FileMetadata): void {
  const fd = openSync(dest, CREATE_FLAGS, 0o600);
  try {
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    if (meta.ownership) fchownSync(fd, meta.uid, meta.gid);
    fchmodSync(fd, meta.mode & 0o7777);
    futimesSync(fd, meta.mtime, meta.mtime);
  } finally {
    closeSync(fd);
  }
}
