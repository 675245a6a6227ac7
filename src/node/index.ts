// src/node: one simulated Talos node, its lifecycle and its composition root.
export { type ApplyConfigResult, acceptMachineConfig } from './apply-config.js';
export { type BootMedia, BootMediaCache, sharedBootMedia } from './boot-media.js';
export { createNode } from './create-node.js';
export { fsTreeLayer } from './fs-tree-layer.js';
export { hostServiceIds, startHostServices } from './host-services.js';
export {
  InstallerError,
  type InstallerErrorDetail,
  type InstallerErrorKind,
  isInstallerError,
} from './installer-error.js';
export {
  type ControllersFactory,
  type CoreStateFactory,
  NodeBoot,
  type NodeBootContext,
  type SubsystemsFactory,
  type SupervisorFactory,
} from './node-boot.js';
export { createNodeContainer } from './node-container.js';
export { mountNodeFilesystem, type NodeFilesystem, type NodeFilesystemParts } from './node-filesystem.js';
export {
  buildInstallAsset,
  InstallSpecError,
  type InstallSpecErrorDetail,
  installPath,
  isInstallSpecError,
  legacyListFetched,
  type NodeInstallerOptions,
  type NodeInstallRequest,
  type NodeInstallSpec,
  type NodeUpgradeOptions,
} from './node-install-spec.js';
export {
  isNodeLifecycleError,
  NodeLifecycleError,
  type NodeLifecycleErrorDetail,
  type NodeLifecycleErrorKind,
  type NodeOperation,
} from './node-lifecycle-error.js';
export {
  CONSOLE_COMPONENT,
  DEFAULT_NODE_LOG_CAPACITY,
  NodeLog,
  type NodeLogEntry,
  type NodeLogOptions,
} from './node-log.js';
export {
  DEFAULT_NODE_ADDRESS,
  isNodeOptionsError,
  NodeOptionsError,
  type NodeOptionsErrorDetail,
  type ResolvedNodeOptions,
  resolveNodeOptions,
  type TalosNodeOptions,
} from './node-options.js';
export type { NodePhase } from './node-phase.js';
export {
  NodeServiceHost,
  NodeServices,
  type NodeServicesOptions,
  newSupervisor,
  type SupervisorContext,
  supervisorSubsystem,
} from './node-services.js';
export { controllerRuntimeSubsystem, type NodeSubsystem } from './node-subsystem.js';
export { ResourceApi, type TalosRole } from './resource-api.js';
export {
  isWaitTimeoutError,
  type QueryOptions,
  ResourceQueries,
  type ResourceTypeRef,
  type SpecOf,
  type WaitForOptions,
  WaitTimeoutError,
  type WaitTimeoutErrorDetail,
} from './resource-queries.js';
export { squashfsLayer } from './squashfs-layer.js';
export { type TalosBuild, talosBuild } from './talos-builds.js';
export { TalosNode, type TalosNodeParts } from './talos-node.js';
export {
  buildTalosRootfs,
  isTalosRootfsError,
  type TalosRootfs,
  TalosRootfsError,
  type TalosRootfsOptions,
  talosOsRelease,
} from './talos-rootfs.js';
export { TOKENS } from './tokens.js';
