// Extended attributes of a directory tree on disk, for readDirectoryTree. Node has no xattr
// calls, so this asks attr's getfattr once for the whole tree (one process, hex values, symlinks
// not followed) and serves the answers by path.
import { spawnSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { decodeName } from '../name-bytes.js';
import type { XattrReader } from './directory-source.js';
import { SquashfsWriteError } from './squashfs-write-error.js';

/** getfattr prints unusual bytes of a path as backslash and three octal digits. */
function unescapePath(s: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as number;
    if (c === 0x5c && i + 3 < raw.length + 0 && /^[0-7]{3}$/.test(raw.toString('latin1', i + 1, i + 4))) {
      bytes.push(Number.parseInt(raw.toString('latin1', i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(c);
    }
  }
  // the path's bytes, as readDirectoryTree names them (name-bytes.ts)
  return decodeName(Buffer.from(bytes));
}

/** Parses `getfattr -R -d -m - -h -e hex --absolute-names` output: path → name → value. */
export function parseGetfattr(text: string): Map<string, Record<string, Uint8Array>> {
  const out = new Map<string, Record<string, Uint8Array>>();
  let current: Record<string, Uint8Array> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('# file: ')) {
      current = {};
      out.set(unescapePath(line.slice(8)), current);
    } else if (current !== undefined && line.includes('=')) {
      const eq = line.indexOf('=');
      const value = line.slice(eq + 1);
      current[line.slice(0, eq)] = value.startsWith('0x') ? Buffer.from(value.slice(2), 'hex') : new Uint8Array(0);
    }
  }
  return out;
}

/**
 * An XattrReader for the tree under `root`, or undefined when getfattr is not installed
 * (apt-get install attr). Reads every attribute the calling user may see.
 */
export function getfattrXattrReader(root: string): XattrReader | undefined {
  const base = resolve(root);
  // a missing root is reported by readDirectoryTree, with its own message
  if (!lstatSync(base, { throwIfNoEntry: false })?.isDirectory()) return () => undefined;
  const r = spawnSync('getfattr', ['-R', '-d', '-m', '-', '-h', '-e', 'hex', '--absolute-names', base], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  if (r.error !== undefined || (r.status !== 0 && r.stdout === '')) {
    throw SquashfsWriteError.sourceRead(base, `getfattr failed: ${r.error?.message ?? r.stderr.trim()}`);
  }
  const byPath = new Map<string, Record<string, Uint8Array>>();
  for (const [path, attrs] of parseGetfattr(r.stdout)) byPath.set(relative(base, path), attrs);
  return (path) => byPath.get(relative(base, resolve(path)));
}
