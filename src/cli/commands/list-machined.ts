// machined's List handler (internal/app/machined/internal/server/v1alpha1 Server.List with pkg/archiver's Walker,
// the same from v1.0.0 to v1.14.0-rc.1 but for xattrs from v1.8.0-alpha.2) over a node's filesystem: the root made
// absolute, one trailing slash cut, a symlinked root resolved first (filepath.EvalSymlinks); then Go's
// filepath.Walk, which lstats, lists names in byte order and never enters symlinked directories. No path is refused:
// machined runs as root and List has no allow-list. Quirks kept: the depth counts slashes, so under `/` one more
// level shows; an entry the type filter drops is still walked into, whatever the depth.
import { posix } from 'node:path';
import { compareGoStrings, goErrnoText, goPathErrorText } from '../../gofmt/index.js';
import { StatusError } from '../../index.js';
import { isFsError, type NodeFs } from '../../overlayfs-sim/index.js';
import { goFileMode, isGoDir, isGoRegular, isGoSymlink } from './go-file-mode.js';
import type { MachinedRelease } from './node-command-release.js';

export type ListFileType = 'REGULAR' | 'DIRECTORY' | 'SYMLINK';

/** machine.ListRequest as talosctl fills it. */
export interface ListRequest {
  readonly root: string;
  readonly recurse: boolean;
  readonly recursionDepth: number;
  readonly types: readonly ListFileType[];
  readonly reportXattrs: boolean;
}

/** machine.FileInfo: one streamed entry. `error` is set (and the rest zero) for an entry the walk failed on. */
export interface ListedFile {
  readonly name: string;
  readonly relativeName: string;
  readonly size: number;
  /** Go's os.FileMode bits. */
  readonly mode: number;
  /** Seconds since the epoch. */
  readonly modified: number;
  readonly uid: number;
  readonly gid: number;
  readonly link: string;
  readonly xattrs: readonly { readonly name: string; readonly data: Uint8Array }[];
  readonly error: string;
}

/** The stream's entries, or the status the call failed with before sending any. */
export type ListReply = { readonly files: readonly ListedFile[] } | { readonly error: StatusError };

/** A Go error on the walk: its text. */
class WalkError extends Error {}

function errnoOf(err: unknown, op: string, path: string): WalkError {
  if (isFsError(err)) return new WalkError(goPathErrorText(op, path, err.code));
  throw err;
}

/** filepath.EvalSymlinks: resolves every symlink lexically, component by component, reporting the path it lstat'ed. */
function evalSymlinks(fs: NodeFs, path: string): string {
  let rest = path;
  let dest = '/';
  let start = 1;
  let links = 0;
  while (start < rest.length) {
    while (start < rest.length && rest[start] === '/') start++;
    let end = start;
    while (end < rest.length && rest[end] !== '/') end++;
    const name = rest.slice(start, end);
    if (name === '' || name === '.') {
      start = end;
      continue;
    }
    if (name === '..') {
      dest = dest === '/' ? '/' : dest.slice(0, Math.max(1, dest.lastIndexOf('/')));
      start = end;
      continue;
    }
    dest = dest === '/' ? `/${name}` : `${dest}/${name}`;
    let mode: number;
    try {
      mode = goFileMode(fs.lstatSync(dest).mode);
    } catch (err) {
      throw errnoOf(err, 'lstat', dest);
    }
    if (!isGoSymlink(mode)) {
      if (!isGoDir(mode) && end < rest.length) throw new WalkError(goErrnoText('ENOTDIR'));
      start = end;
      continue;
    }
    if (++links > 255) throw new WalkError('EvalSymlinks: too many links');
    let link: string;
    try {
      link = fs.readlinkSync(dest);
    } catch (err) {
      throw errnoOf(err, 'readlink', dest);
    }
    rest = link + rest.slice(end);
    if (link.startsWith('/')) {
      dest = '/';
      start = 1;
    } else {
      dest = dest.slice(0, Math.max(1, dest.lastIndexOf('/')));
      start = 0;
    }
  }
  return posix.normalize(dest);
}

function atMaxDepth(max: number, root: string, current: string): boolean {
  if (max < 0 || root === current) return false;
  const slashes = (s: string) => s.split('/').length - 1;
  return slashes(current) - slashes(root) >= max;
}

function relative(root: string, path: string): string {
  const base = posix.normalize(root);
  const target = posix.normalize(path);
  if (base === target) return '.';
  return base === '/' ? target.slice(1) : target.slice(base.length + 1);
}

const TYPE_MATCH: Readonly<Record<ListFileType, (mode: number) => boolean>> = {
  REGULAR: isGoRegular,
  DIRECTORY: isGoDir,
  SYMLINK: isGoSymlink,
};

export function machinedList(fs: NodeFs, machined: MachinedRelease, req: ListRequest): ListReply {
  let root = req.root.startsWith('/') ? req.root : `/${req.root}`;
  if (root.endsWith('/')) root = root.slice(0, -1);
  if (root === '') root = '/';
  const maxDepth = req.recurse ? (req.recursionDepth === 0 ? -1 : req.recursionDepth) : 0;
  let rootPath = root;
  try {
    let mode: number;
    try {
      mode = goFileMode(fs.lstatSync(root).mode);
    } catch (err) {
      throw errnoOf(err, 'lstat', root);
    }
    if (isGoSymlink(mode)) rootPath = evalSymlinks(fs, root);
  } catch (err) {
    if (err instanceof WalkError) return { error: new StatusError('Unknown', err.message) };
    throw err;
  }
  const files: ListedFile[] = [];
  const xattrsOf = (path: string): ListedFile['xattrs'] => {
    if (!req.reportXattrs || !machined.listXattrs) return [];
    try {
      return fs.listxattrSync(path).flatMap((name) => {
        const data = fs.getxattrSync(path, name);
        return data === undefined ? [] : [{ name, data }];
      });
    } catch {
      return [];
    }
  };
  const failed = (path: string, relativeName: string, error: string): ListedFile => ({
    name: path,
    relativeName,
    size: 0,
    mode: 0,
    modified: 0,
    uid: 0,
    gid: 0,
    link: '',
    xattrs: xattrsOf(path),
    error,
  });

  /** The Walker's callback for one entry; true to skip the directory's contents (filepath.SkipDir). */
  const visit = (path: string, stMode: number, read: () => ListedFile, walkError: string | undefined): boolean => {
    const mode = goFileMode(stMode);
    const relativeName = path === rootPath && !isGoDir(mode) ? posix.basename(path) : relative(rootPath, path);
    if (walkError !== undefined) {
      files.push(failed(path, path === rootPath && !isGoDir(mode) ? relativeName : '', walkError));
      return false;
    }
    if (req.types.length > 0 && !req.types.some((t) => TYPE_MATCH[t](mode))) return false;
    let file = read();
    if (isGoSymlink(mode)) {
      try {
        file = { ...file, link: fs.readlinkSync(path) };
      } catch (err) {
        const failure = errnoOf(err, 'readlink', path);
        files.push(failed(path, relativeName, failure.message));
        return false;
      }
    }
    files.push({ ...file, relativeName });
    return isGoDir(mode) && atMaxDepth(maxDepth, rootPath, path);
  };

  const walk = (path: string): void => {
    let stat: ReturnType<NodeFs['lstatSync']>;
    try {
      stat = fs.lstatSync(path);
    } catch (err) {
      // an entry gone between readdir and lstat: reported on the entry, the walk goes on
      files.push(failed(path, '', errnoOf(err, 'lstat', path).message));
      return;
    }
    const entry = (): ListedFile => ({
      name: path,
      relativeName: '',
      size: stat.size,
      mode: goFileMode(stat.mode),
      modified: Math.floor(stat.mtimeMs / 1000),
      uid: stat.uid,
      gid: stat.gid,
      link: '',
      xattrs: xattrsOf(path),
      error: '',
    });
    if (!stat.isDirectory()) {
      visit(path, stat.mode, entry, undefined);
      return;
    }
    let names: string[] | undefined;
    let readError: string | undefined;
    try {
      names = fs.readdirSync(path).sort(compareGoStrings);
    } catch (err) {
      readError = errnoOf(err, 'open', path).message;
    }
    if (visit(path, stat.mode, entry, readError) || names === undefined) return;
    for (const name of names) walk(posix.join(path, name));
  };
  walk(rootPath);
  return { files };
}
