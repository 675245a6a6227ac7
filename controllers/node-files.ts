// What controllers read from the node's root filesystem: the synchronous node:fs subset they use.
// The node passes its filesystem facade; tests may pass a memfs volume.
import { goFsErrorText } from '../src/gofmt/index.js';

export interface NodeFiles {
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string): string[];
}

/** Go's *fs.PathError text for a failed file operation, Go's operation taken from the error's syscall (default open). */
export function goPathError(err: unknown): string {
  const syscall = (err as { syscall?: unknown } | null)?.syscall;
  return goFsErrorText(err, typeof syscall === 'string' ? syscall : 'open');
}
