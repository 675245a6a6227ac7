// talos-sim/safe-fs: reading inputs and writing outputs without surprises. Inputs: only regular files are read, never
// more than a bound, and symbolic links that leave a directory are refused. Outputs: a file is written inside its
// target directory only, never through a symbolic link, and appears at its name complete (exclusive create or atomic
// replace). Self-contained: it imports nothing of talos-sim, so any module can use it.
export type { FileKind } from './file-kind.js';
export { describeFileKind, fileKindOf } from './file-kind.js';
export type { ReplacePolicy, SafeFileWriter, WriteInsideOptions } from './file-writer.js';
export { openFileInside, symlinkInside, temporaryFileTarget, writeFileInside } from './file-writer.js';
export type { ReadRegularFileOptions } from './read-regular-file.js';
export { readRegularFile, readRegularFileInside, resolveInside } from './read-regular-file.js';
export { relativeNames } from './relative-names.js';
export type { SafeFsErrorDetail, SafeFsErrorKind } from './safe-fs-error.js';
export { formatByteLimit, isSafeFsError, SafeFsError } from './safe-fs-error.js';
export { checkTargetDirectory, createTargetDirectory, ensureDirectoryInside } from './target-directory.js';
