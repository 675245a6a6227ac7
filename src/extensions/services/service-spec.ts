// The extension service definition (pkg/machinery/extensions/services Spec): what a `*.yaml` file under
// /usr/local/etc/containers describes. Field names are the YAML keys; a Go nil slice is an absent property (the
// difference matters: `maskedPaths: []` clears containerd's defaults, a missing key keeps them).

/** An OCI runtime-spec mount; go-yaml keys are the lower-cased Go field names (the struct has only json tags). */
export interface ServiceMount {
  readonly destination: string;
  readonly type: string;
  readonly source: string;
  readonly options?: readonly string[];
  /** `uidmappings` (lower-case, as go-yaml derives it); decoded, never used by Talos. */
  readonly uidMappings?: readonly LinuxIdMapping[];
  readonly gidMappings?: readonly LinuxIdMapping[];
}

export interface LinuxIdMapping {
  readonly containerID: number;
  readonly hostID: number;
  readonly size: number;
}

export interface ServiceSecurity {
  readonly writeableSysfs: boolean;
  /** Absent: containerd's default masked paths; `[]`: none. */
  readonly maskedPaths?: readonly string[];
  /** Absent: containerd's default read-only paths; `[]`: none. */
  readonly readonlyPaths?: readonly string[];
  readonly writeableRootfs: boolean;
  /** Copied to the OCI `linux.rootfsPropagation` ('' = unset). */
  readonly rootfsPropagation: string;
}

export interface ServiceContainer {
  /** Relative to the container rootfs (`./x`) or absolute inside it. */
  readonly entrypoint: string;
  readonly environment?: readonly string[];
  /** Deprecated in the docs but still read: dotenv-style file on the host. */
  readonly environmentFile: string;
  readonly args?: readonly string[];
  readonly mounts?: readonly ServiceMount[];
  readonly security: ServiceSecurity;
}

/** One dependency; exactly one field may be set (Validate checks it). */
export interface ServiceDependency {
  readonly service: string;
  readonly path: string;
  /** nethelpers.Status values (1–4). */
  readonly network?: readonly number[];
  readonly time: boolean;
  readonly configuration: boolean;
}

export interface ExtensionServiceSpec {
  /** `[-_a-z0-9]+`; registered as `ext-<name>`. */
  readonly name: string;
  readonly container: ServiceContainer;
  readonly depends?: readonly ServiceDependency[];
  /** RestartKind value; 0 when the key is missing (Validate rejects it). */
  readonly restart: number;
  readonly logToConsole: boolean;
}

/** Deep-partial input for building specs in code (tests, scenarios). */
export interface ServiceSpecInit {
  readonly name?: string;
  readonly container?: Partial<Omit<ServiceContainer, 'security'>> & { readonly security?: Partial<ServiceSecurity> };
  readonly depends?: readonly Partial<ServiceDependency>[];
  readonly restart?: number;
  readonly logToConsole?: boolean;
}

/** A spec with Go's zero values wherever `init` says nothing. */
export function newServiceSpec(init: ServiceSpecInit = {}): ExtensionServiceSpec {
  const c = init.container ?? {};
  const s = c.security ?? {};
  return {
    name: init.name ?? '',
    container: {
      entrypoint: c.entrypoint ?? '',
      ...(c.environment !== undefined ? { environment: c.environment } : {}),
      environmentFile: c.environmentFile ?? '',
      ...(c.args !== undefined ? { args: c.args } : {}),
      ...(c.mounts !== undefined ? { mounts: c.mounts } : {}),
      security: {
        writeableSysfs: s.writeableSysfs ?? false,
        ...(s.maskedPaths !== undefined ? { maskedPaths: s.maskedPaths } : {}),
        ...(s.readonlyPaths !== undefined ? { readonlyPaths: s.readonlyPaths } : {}),
        writeableRootfs: s.writeableRootfs ?? false,
        rootfsPropagation: s.rootfsPropagation ?? '',
      },
    },
    ...(init.depends !== undefined ? { depends: init.depends.map(newDependency) } : {}),
    restart: init.restart ?? 0,
    logToConsole: init.logToConsole ?? false,
  };
}

function newDependency(d: Partial<ServiceDependency>): ServiceDependency {
  return {
    service: d.service ?? '',
    path: d.path ?? '',
    ...(d.network !== undefined ? { network: d.network } : {}),
    time: d.time ?? false,
    configuration: d.configuration ?? false,
  };
}
