// Writes one extracted regular file. Shared by unpack (in this thread) and the read-pool
// workers. The file is created exclusively and never through a symlink, so nothing already on
// disk can redirect the write; ownership goes first because chown clears setuid/setgid bits.
// Synchronous on purpose: writing through libuv's thread pool instead (a bounded window of 8 files in flight, as
// FileHandle promises, callbacks, or async data writes with synchronous metadata) was measured slower on the
// 20,000-file bench tree on Node 20 and Node 24 (1.2-1.9× this writer's time, about twice its CPU: each file
// becomes five or six pool round trips), so parallelism stays with the read-pool workers.
import { closeSync, constants, fchmodSync, fchownSync, ftruncateSync, futimesSync, openSync, writeSync } from 'node:fs';
import type { FileChunk } from './file-reader.js';
import { fsPath } from './name-bytes.js';

export interface FileMetadata {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  /** Apply uid/gid (needs root). */
  readonly ownership: boolean;
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Creates `dest` from the file's chunks; sparse blocks become holes, as unsquashfs makes them. */
export function writeExtractedFile(dest: string, chunks: Iterable<FileChunk>, size: number, meta: FileMetadata): void {
  const fd = openSync(fsPath(dest), CREATE_FLAGS, 0o600);
  try {
    let written = 0;
    for (const { position, data } of chunks) {
      if (data === undefined) continue;
      let done = 0;
      while (done < data.length) done += writeSync(fd, data, done, data.length - done, position + done);
      written = position + data.length;
    }
    // only a file that ends in a hole needs its size set explicitly
    if (written < size) ftruncateSync(fd, size);
    if (meta.ownership) fchownSync(fd, meta.uid, meta.gid);
    fchmodSync(fd, meta.mode & 0o7777);
    futimesSync(fd, meta.mtime, meta.mtime);
  } finally {
    closeSync(fd);
  }
}
