// What changed in machined's service supervisor between releases, read at the siderolabs/talos tags
// (internal/app/machined/pkg/system and system/services/extension.go, v1.11.0 … v1.14.0-rc.1). Releases before
// v1.11 behave as v1.11; lines after v1.14 as the newest.
import { SemVer } from 'semver';

export interface ServiceReleaseFacts {
  /** The release as given, e.g. `v1.13.5`. */
  readonly talosVersion: string;
  /** A dependency in Finished counts as "up" (dropped in v1.14.0-beta.1, b1abd9c03). */
  readonly finishedCountsAsUp: boolean;
  /**
   * Stopping a service that is still Waiting (or in its pre stage) ends Finished; before, the cancelled wait fails it
   * with `Condition failed: context canceled` (clean from v1.12.10, v1.13.6 and v1.14.0-beta.0).
   */
  readonly cleanStopWhileWaiting: boolean;
  /** `task "ext-x" failed: exit code N` carries ` (last log "…")` (v1.12.0-alpha.1 and later). */
  readonly lastLogInTaskError: boolean;
  /** Extension containers share the host IPC namespace (v1.13.9 and v1.14.0-rc.1 and later). */
  readonly hostIpcNamespace: boolean;
  /** The OCI spec's rlimits are cleared so the task inherits containerd's (v1.13.0-beta.1 and later). */
  readonly clearRlimits: boolean;
  /** The PID recorder writes ServicePID resources (v1.13.0-beta.1 and later). */
  readonly servicePids: boolean;
}

function atLeastInLine(v: SemVer, perLine: Readonly<Record<number, string>>, fromMinor: number): boolean {
  if (v.major !== 1) return v.major > 1;
  const since = perLine[v.minor];
  if (since !== undefined) return v.compare(since) >= 0;
  return v.minor >= fromMinor;
}

/** The supervisor's behaviour for a Talos release (`v1.13.5`, `1.12.0-beta.1`). */
export function serviceReleaseFacts(talosVersion: string): ServiceReleaseFacts {
  const v = new SemVer(talosVersion.trim());
  const atLeast = (b: string): boolean => v.compare(b) >= 0;
  return {
    talosVersion,
    finishedCountsAsUp: !atLeast('1.14.0-beta.1'),
    cleanStopWhileWaiting: atLeastInLine(v, { 12: '1.12.10', 13: '1.13.6', 14: '1.14.0-beta.0' }, 15),
    lastLogInTaskError: atLeast('1.12.0-alpha.1'),
    hostIpcNamespace: atLeastInLine(v, { 13: '1.13.9', 14: '1.14.0-rc.1' }, 15),
    clearRlimits: atLeast('1.13.0-beta.1'),
    servicePids: atLeast('1.13.0-beta.1'),
  };
}
