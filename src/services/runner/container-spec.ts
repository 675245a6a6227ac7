// The container a service's task runs in, as the OCI spec machined generates for it (reduced to what a simulated
// task can observe): process args and environment, root, mounts, masked and read-only paths, namespaces and
// privileges. Programs receive it, and the supervisor's inspect call returns it.

export interface ContainerMount {
  readonly destination: string;
  readonly type: string;
  readonly source: string;
  readonly options: readonly string[];
}

export interface ContainerNamespace {
  /** `pid`, `ipc`, `uts`, `mount`, `network`. */
  readonly type: string;
  /** Joins the host's namespace instead of a new one. */
  readonly host: boolean;
}

export interface ContainerSpec {
  readonly id: string;
  /** `[entrypoint, ...args]`. */
  readonly processArgs: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  /** Host path of the root filesystem and whether it is read-only. */
  readonly root: { readonly path: string; readonly readonly: boolean };
  /** '' = unset (private). */
  readonly rootfsPropagation: string;
  readonly mounts: readonly ContainerMount[];
  readonly maskedPaths: readonly string[];
  readonly readonlyPaths: readonly string[];
  readonly namespaces: readonly ContainerNamespace[];
  readonly noNewPrivileges: boolean;
  /** `all-grantable`: every capability the host can grant. */
  readonly capabilities: string;
  readonly allDevicesAllowed: boolean;
  readonly oomScoreAdj: number;
  readonly cgroupPath: string;
  /** `inherited` (cleared, containerd's own limits apply) or `containerd-default`. */
  readonly rlimits: 'inherited' | 'containerd-default';
  readonly seccomp: string;
  /** Output also goes to the console (logToConsole or machine debug). */
  readonly logToConsole: boolean;
}
