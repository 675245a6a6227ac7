// What controllers read from the node's root filesystem: the synchronous node:fs subset they use.
// The node passes its filesystem facade; tests may pass a memfs volume.

export interface NodeFiles {
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string): string[];
}

/** Go's *fs.PathError text for a failed file operation: `open /etc/x: no such file or directory`. */
export function goPathError(err: unknown): string {
  const e = err as { code?: string; syscall?: string; path?: string; message?: string };
  const texts: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ELOOP: 'too many levels of symbolic links',
  };
  const text = e.code === undefined ? undefined : texts[e.code];
  if (text === undefined || e.path === undefined) return e.message ?? String(err);
  return `${e.syscall ?? 'open'} ${e.path}: ${text}`;
}
