// A failed file operation inside an in-memory tree, worded as Go's *fs.PathError (`stat <path>: no such file or
// directory`), so imager errors read as upstream's do. Paths are shown the way the imager names its scratch trees.

export type TreeFileErrorReason =
  | 'no such file or directory'
  | 'not a directory'
  | 'is a directory'
  | 'too many levels of symbolic links'
  | 'not a regular file'
  | 'directory not empty'
  | 'file name too long';

export class TreeFileError extends Error {
  readonly kind = 'tree-file';
  constructor(
    readonly op: 'stat' | 'open' | 'read' | 'mkdir' | 'remove',
    readonly path: string,
    readonly reason: TreeFileErrorReason,
  ) {
    super(`${op} ${path}: ${reason}`);
    this.name = 'TreeFileError';
  }
}

export function isTreeFileError(err: unknown): err is TreeFileError {
  return err instanceof TreeFileError;
}
