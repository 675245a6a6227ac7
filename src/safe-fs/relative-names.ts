// The names of a path below a target directory. Callers name files inside a target with a relative path; anything
// that could leave the target lexically (`..`, an absolute path) or that the kernel would cut short (NUL) is refused
// before the filesystem is touched.
import { SafeFsError } from './safe-fs-error.js';

/** `a/b/c` → `['a', 'b', 'c']` (empty and `.` parts dropped); throws SafeFsError `invalid-path`. */
export function relativeNames(relativePath: string): string[] {
  const invalid = (reason: string) => new SafeFsError({ kind: 'invalid-path', path: relativePath, reason });
  if (relativePath.includes('\0')) throw invalid('contains a NUL byte');
  if (relativePath.startsWith('/')) throw invalid('must be relative to its target directory');
  const names = relativePath.split('/').filter((n) => n !== '' && n !== '.');
  if (names.includes('..')) throw invalid('must not contain ".."');
  return names;
}
