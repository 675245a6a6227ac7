// machined's Read handler (Server.Read): os.Stat of the path as given (symlinks followed, a relative path from
// machined's working directory `/`), then the bytes of a regular file; anything else is refused. There is no
// allow-list: any regular file machined can see is readable (reading needs the os:admin role, which sim has).

import { goPathErrorText } from '../../gofmt/index.js';
import { StatusError } from '../../index.js';
import { type FsErrorCode, isFsError, type NodeFs } from '../../overlayfs-sim/index.js';
import type { MachinedRelease } from './node-command-release.js';

export type ReadReply = { readonly data: Uint8Array } | { readonly error: StatusError };

function failure(err: unknown, op: string, path: string, machined: MachinedRelease): ReadReply {
  if (!isFsError(err)) throw err;
  return fsFailure(err.code, op, path, machined);
}

function fsFailure(code: FsErrorCode, op: string, path: string, machined: MachinedRelease): ReadReply {
  // errors.Is(err, fs.ErrNotExist) → NotFound from v1.8.0-alpha.2; before, and for every other error, the bare error
  const notFound = code === 'ENOENT' && op === 'stat' && machined.readNotFound;
  return { error: new StatusError(notFound ? 'NotFound' : 'Unknown', goPathErrorText(op, path, code)) };
}

export function machinedRead(fs: NodeFs, machined: MachinedRelease, path: string): ReadReply {
  // os.Stat("") fails; node's stat of '' would be the working directory
  if (path === '') return fsFailure('ENOENT', 'stat', path, machined);
  let regular: boolean;
  try {
    regular = fs.statSync(path).isFile();
  } catch (err) {
    return failure(err, 'stat', path, machined);
  }
  if (!regular) return { error: new StatusError('Unknown', 'path must be a regular file') };
  try {
    return { data: fs.readFileSync(path) };
  } catch (err) {
    return failure(err, 'open', path, machined);
  }
}
