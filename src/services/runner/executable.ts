// How runc finds the task's executable inside the container root (Go's exec.LookPath in the container's init):
// a name with a slash is used as given (relative to `/`), a bare name is searched in the container's PATH. Errors
// read as runc reports them.
import { posix } from 'node:path';
import { goQuote } from '../../gofmt/index.js';
import { goPathError, isNotExist } from '../go-path-error.js';
import type { ServiceFs } from '../service-fs.js';

export type ExecutableLookup =
  | { readonly ok: true; readonly hostPath: string; readonly containerPath: string }
  | { readonly ok: false; readonly error: string };

function check(fs: Pick<ServiceFs, 'statSync'>, hostPath: string, shown: string): string | undefined {
  let stats: ReturnType<ServiceFs['statSync']>;
  try {
    stats = fs.statSync(hostPath);
  } catch (err) {
    return isNotExist(err) ? `stat ${shown}: no such file or directory` : goPathError(err, 'stat', shown);
  }
  if (stats.isDirectory() || (stats.mode & 0o111) === 0) return 'permission denied';
  return undefined;
}

/** Resolves `entrypoint` in the container whose root is `rootfs` (a host path), with the task's environment. */
export function lookupExecutable(
  fs: Pick<ServiceFs, 'statSync'>,
  rootfs: string,
  entrypoint: string,
  env: readonly string[],
): ExecutableLookup {
  const fail = (reason: string): ExecutableLookup => ({ ok: false, error: `exec: ${goQuote(entrypoint)}: ${reason}` });
  if (entrypoint.includes('/')) {
    const containerPath = posix.resolve('/', entrypoint);
    const hostPath = posix.join(rootfs, containerPath);
    const problem = check(fs, hostPath, entrypoint);
    return problem === undefined ? { ok: true, hostPath, containerPath } : fail(problem);
  }
  const pathVar = [...env].reverse().find((e) => e.startsWith('PATH='));
  const dirs = pathVar === undefined ? [] : pathVar.slice('PATH='.length).split(':');
  for (const dir of dirs) {
    const containerPath = posix.resolve('/', dir === '' ? '.' : dir, entrypoint);
    const hostPath = posix.join(rootfs, containerPath);
    if (check(fs, hostPath, containerPath) === undefined) return { ok: true, hostPath, containerPath };
  }
  return fail('executable file not found in $PATH');
}
