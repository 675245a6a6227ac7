// What kind of file a path is, from its stat, in the words error messages use.
import type { Stats } from 'node:fs';

export type FileKind = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'char-device' | 'block-device';

export function fileKindOf(
  st: Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice'>,
): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return st.isCharacterDevice() ? 'char-device' : 'block-device';
}

const DESCRIPTIONS: Readonly<Record<FileKind, string>> = {
  file: 'a regular file',
  directory: 'a directory',
  symlink: 'a symbolic link',
  fifo: 'a named pipe',
  socket: 'a socket',
  'char-device': 'a character device',
  'block-device': 'a block device',
};

export function describeFileKind(kind: FileKind): string {
  return DESCRIPTIONS[kind];
}
