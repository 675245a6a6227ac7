// Service identifiers of the node's composition root.
import type { ServiceIdentifier } from 'inversify';
import type { Clock, Random } from '../cosi/index.js';
import type { BootMediaCache } from './boot-media.js';
import type { ControllersFactory, CoreStateFactory, SubsystemsFactory, SupervisorFactory } from './node-boot.js';
import type { NodeInstallerOptions } from './node-install-spec.js';
import type { NodeLog } from './node-log.js';
import type { ResolvedNodeOptions } from './node-options.js';
import type { TalosNode } from './talos-node.js';

const token = <T>(name: string) => Symbol.for(`talos-sim.${name}`) as ServiceIdentifier<T>;

export const TOKENS = {
  Options: token<ResolvedNodeOptions>('Options'),
  Clock: token<Clock>('Clock'),
  Random: token<Random>('Random'),
  /** The node's log ring (a Logger factory for its components). */
  NodeLog: token<NodeLog>('NodeLog'),
  /** Boot media shared between nodes (base rootfs, layer images, root overlay). */
  BootMedia: token<BootMediaCache>('BootMedia'),
  /** Per boot: the in-memory COSI state. */
  CoreStateFactory: token<CoreStateFactory>('CoreStateFactory'),
  /** Per boot: machined's controllers. */
  ControllersFactory: token<ControllersFactory>('ControllersFactory'),
  /** Per boot: the service supervisor (machined's system.Services). */
  SupervisorFactory: token<SupervisorFactory>('SupervisorFactory'),
  /** Per boot: the subsystems in start order (controller runtime, then the service supervisor). */
  SubsystemsFactory: token<SubsystemsFactory>('SubsystemsFactory'),
  /** The installer's registry, catalog and squasher, for upgrades (made on first use). */
  Installer: token<() => NodeInstallerOptions>('Installer'),
  TalosNode: token<TalosNode>('TalosNode'),
} as const;
