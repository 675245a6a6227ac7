// How runc finds the task's executable inside the container (Go's exec.LookPath in the container's init): a name
// with a slash is used as given (relative to `/`), a bare name is searched in the container's PATH. A path under a
// bind mount is looked up at the mount's source on the host (iscsid runs the host's /usr/local/sbin/iscsid that
// way); anything else inside the container root. Errors read as runc reports them.
import { posix } from 'node:path';
import { goFsErrorText, goQuote, isNotExist } from '../../gofmt/index.js';
import type { ServiceFs } from '../service-fs.js';
import type { ContainerMount } from './container-spec.js';

export type ExecutableLookup =
  | { readonly ok: true; readonly hostPath: string; readonly containerPath: string }
  | { readonly ok: false; readonly error: string };

function check(fs: Pick<ServiceFs, 'statSync'>, hostPath: string, shown: string): string | undefined {
  let stats: ReturnType<ServiceFs['statSync']>;
  try {
    stats = fs.statSync(hostPath);
  } catch (err) {
    return isNotExist(err) ? `stat ${shown}: no such file or directory` : goFsErrorText(err, 'stat', shown);
  }
  if (stats.isDirectory() || (stats.mode & 0o111) === 0) return 'permission denied';
  return undefined;
}

function isBind(m: ContainerMount): boolean {
  return m.type === 'bind' || m.options.includes('bind') || m.options.includes('rbind');
}

/** The host path of a path inside the container: through the deepest bind mount covering it, else the root. */
export function hostPathOf(rootfs: string, mounts: readonly ContainerMount[], containerPath: string): string {
  let best: ContainerMount | undefined;
  for (const m of mounts) {
    if (!isBind(m)) continue;
    const dest = posix.resolve('/', m.destination);
    const covers = containerPath === dest || containerPath.startsWith(dest === '/' ? '/' : `${dest}/`);
    // later mounts of the same destination shadow earlier ones
    if (covers && (best === undefined || dest.length >= posix.resolve('/', best.destination).length)) best = m;
  }
  if (best === undefined) return posix.join(rootfs, containerPath);
  const rest = containerPath.slice(posix.resolve('/', best.destination).length);
  return posix.join(best.source, rest);
}

/** Resolves `entrypoint` in the container whose root is `rootfs` (a host path), with the task's environment. */
export function lookupExecutable(
  fs: Pick<ServiceFs, 'statSync'>,
  rootfs: string,
  entrypoint: string,
  env: readonly string[],
  mounts: readonly ContainerMount[] = [],
): ExecutableLookup {
  const fail = (reason: string): ExecutableLookup => ({ ok: false, error: `exec: ${goQuote(entrypoint)}: ${reason}` });
  if (entrypoint.includes('/')) {
    const containerPath = posix.resolve('/', entrypoint);
    const hostPath = hostPathOf(rootfs, mounts, containerPath);
    const problem = check(fs, hostPath, entrypoint);
    return problem === undefined ? { ok: true, hostPath, containerPath } : fail(problem);
  }
  const pathVar = [...env].reverse().find((e) => e.startsWith('PATH='));
  const dirs = pathVar === undefined ? [] : pathVar.slice('PATH='.length).split(':');
  for (const dir of dirs) {
    const containerPath = posix.resolve('/', dir === '' ? '.' : dir, entrypoint);
    const hostPath = hostPathOf(rootfs, mounts, containerPath);
    if (check(fs, hostPath, containerPath) === undefined) return { ok: true, hostPath, containerPath };
  }
  return fail('executable file not found in $PATH');
}
