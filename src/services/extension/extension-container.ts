// The OCI spec machined builds for an extension service (system/services/extension.go getOCIOptions on top of the
// containerd runner's options and containerd's default spec): root at /usr/local/lib/containers/<name>,
// read-only unless writeableRootfs, host network (and host IPC from v1.13.9 / v1.14.0-rc.1), all capabilities
// and devices, OOM score -600, cgroup system/extensions/<name>, rlimits cleared from v1.13.0-beta.1, containerd's
// masked and read-only paths unless the spec sets its own (an empty list clears them).
import { posix } from 'node:path';
import type { ExtensionServiceSpec } from '../../extensions/services/index.js';
import type { ContainerMount, ContainerSpec } from '../runner/container-spec.js';
import type { ServiceReleaseFacts } from '../service-release.js';

export const EXTENSION_SERVICE_ROOTFS_PATH = '/usr/local/lib/containers';
export const EXTENSION_SERVICE_USER_CONFIG_PATH = '/system/overlays/extensions';
export const CGROUP_EXTENSIONS = 'system/extensions';
export const CONTAINER_MARKER_FILE = '/usr/etc/in-container';

/** containerd's defaults (oci.populateDefaultUnixSpec). */
export const CONTAINERD_DEFAULT_MASKED_PATHS: readonly string[] = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
  '/proc/scsi',
];
export const CONTAINERD_DEFAULT_READONLY_PATHS: readonly string[] = [
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sys',
  '/proc/sysrq-trigger',
];

/** containerd's default mounts, then the host /etc/hosts and resolv.conf binds the runner adds. */
function baseMounts(writeableSysfs: boolean): ContainerMount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'],
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/sys',
      type: 'sysfs',
      source: 'sysfs',
      options: writeableSysfs ? ['nosuid', 'noexec', 'nodev'] : ['nosuid', 'noexec', 'nodev', 'ro'],
    },
    {
      destination: '/run',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    { destination: '/etc/hosts', type: 'bind', source: '/etc/hosts', options: ['rbind', 'ro'] },
    { destination: '/etc/resolv.conf', type: 'bind', source: '/etc/resolv.conf', options: ['rbind', 'ro'] },
  ];
}

/** The flattened name of a config file under /system/overlays/extensions/<name>/ (`/a/b` → `a-b`). */
export function configFileName(mountPath: string): string {
  return (mountPath.startsWith('/') ? mountPath.slice(1) : mountPath).replaceAll('/', '-');
}

/** The mounts Talos adds to the spec's: the container-mode marker, then one read-only bind per config file. */
export function extensionMounts(
  spec: ExtensionServiceSpec,
  configFiles: readonly { readonly mountPath: string }[],
  inContainer: boolean,
): ContainerMount[] {
  const mounts: ContainerMount[] = (spec.container.mounts ?? []).map((m) => ({
    destination: m.destination,
    type: m.type,
    source: m.source,
    options: [...(m.options ?? [])],
  }));
  if (inContainer) {
    mounts.push({
      destination: CONTAINER_MARKER_FILE,
      type: 'bind',
      source: CONTAINER_MARKER_FILE,
      options: ['bind', 'ro'],
    });
  }
  for (const file of configFiles) {
    mounts.push({
      destination: file.mountPath,
      type: 'bind',
      source: posix.join(EXTENSION_SERVICE_USER_CONFIG_PATH, spec.name, configFileName(file.mountPath)),
      options: ['ro', 'bind'],
    });
  }
  return mounts;
}

export interface ExtensionContainerInput {
  readonly spec: ExtensionServiceSpec;
  readonly env: readonly string[];
  /** The spec's mounts plus the ones Talos adds (extensionMounts). */
  readonly mounts: readonly ContainerMount[];
  readonly release: ServiceReleaseFacts;
  readonly logToConsole: boolean;
}

export function extensionContainer(input: ExtensionContainerInput): ContainerSpec {
  const { spec, release } = input;
  const security = spec.container.security;
  return {
    id: `ext-${spec.name}`,
    processArgs: [spec.container.entrypoint, ...(spec.container.args ?? [])],
    env: [...input.env],
    cwd: '/',
    root: { path: posix.join(EXTENSION_SERVICE_ROOTFS_PATH, spec.name), readonly: !security.writeableRootfs },
    rootfsPropagation: security.rootfsPropagation,
    mounts: [...baseMounts(security.writeableSysfs), ...input.mounts],
    maskedPaths: [...(security.maskedPaths ?? CONTAINERD_DEFAULT_MASKED_PATHS)],
    readonlyPaths: [...(security.readonlyPaths ?? CONTAINERD_DEFAULT_READONLY_PATHS)],
    namespaces: [
      { type: 'pid', host: false },
      { type: 'ipc', host: release.hostIpcNamespace },
      { type: 'uts', host: false },
      { type: 'mount', host: false },
      { type: 'network', host: true },
    ],
    noNewPrivileges: true,
    capabilities: 'all-grantable',
    allDevicesAllowed: true,
    oomScoreAdj: -600,
    cgroupPath: posix.join(CGROUP_EXTENSIONS, spec.name),
    rlimits: release.clearRlimits ? 'inherited' : 'containerd-default',
    seccomp: 'default',
    logToConsole: input.logToConsole,
  };
}
