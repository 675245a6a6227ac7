// One boot of a node: everything that lives from boot to shutdown and starts afresh on the next boot. A reboot
// recreates the COSI state (resources get new `created` times), the controller runtime, the tmpfs mounts (empty
// again) and the subsystems; the boot media stay shared between boots and nodes.
import { type Observable, ReplaySubject } from 'rxjs';
import type { NodeIdentityStore } from '../../controllers/node-identity-controller.js';
import { publishMachineConfig, type TalosNamespace } from '../../resources/index.js';
import {
  type Clock,
  type Controller,
  type ControllerRuntime,
  type CoreState,
  InMemoryState,
  type Logger,
  type Random,
  ResourceRegistry,
  type ResourceType,
  type State,
} from '../cosi/index.js';
import type { TalosVersionFacts } from '../extensions/index.js';
import type { BootAsset } from '../imager/index.js';
import type { MachineConfig } from '../machine-config/index.js';
import type { Filesystem } from '../overlayfs-sim/index.js';
import type { ServiceSupervisor } from '../services/index.js';
import { type BootCheckpoint, type BootIdentity, filesystemMapping, placeholderMounts } from './boot-checkpoint.js';
import type { NodeFilesystem } from './node-filesystem.js';
import type { NodeLogEntry } from './node-log.js';
import type { NodeServiceHost } from './node-services.js';
import type { NodeSubsystem } from './node-subsystem.js';
import { ResourceApi } from './resource-api.js';

/** What the per-boot factories are given. */
export interface NodeBootContext {
  readonly address: string;
  readonly facts: TalosVersionFacts;
  readonly bootAsset: BootAsset | undefined;
  readonly clock: Clock;
  readonly random: Random;
  /** The controller runtime's logger (into the node's log). */
  readonly logger: Logger;
  /** machined's own logger (service state changes, API requests). */
  readonly machinedLogger: Logger;
  readonly state: State;
  readonly filesystem: NodeFilesystem;
  /** What the node's services keep across boots: programs, readiness, behaviours. */
  readonly serviceHost: NodeServiceHost;
  /** The machine config in force. */
  readonly config: () => MachineConfig | undefined;
  /** The node identity as the STATE partition keeps it: generated at the first boot, kept across the others. */
  readonly nodeIdentity: NodeIdentityStore;
  /** The service supervisor of this boot (machined's `system.Services`). */
  readonly services: ServiceSupervisor;
}

/** Makes the in-memory COSI state of one boot. */
export type CoreStateFactory = (parts: { readonly clock: Clock; readonly random: Random }) => CoreState;
/** The service supervisor of one boot. */
export type SupervisorFactory = (ctx: Omit<NodeBootContext, 'services'>) => ServiceSupervisor;
/** machined's controllers for one boot, in registration order. */
export type ControllersFactory = (ctx: NodeBootContext) => Controller[];
/** The node's subsystems for one boot, in start order; the controller runtime is the first. */
export type SubsystemsFactory = (
  ctx: NodeBootContext,
  runtime: ControllerRuntime,
  controllers: Controller[],
) => NodeSubsystem[];

export class NodeBoot {
  readonly state: State;
  /** The subsystems started so far, in start order (stop() stops them in reverse). */
  readonly #started: NodeSubsystem[] = [];
  readonly runtime: ControllerRuntime;
  readonly filesystem: NodeFilesystem;
  readonly services: ServiceSupervisor;
  readonly subsystems: readonly NodeSubsystem[];
  /** The resource API of this boot (os:admin); its watches complete when the boot ends. */
  readonly resources: ResourceApi;
  readonly #ended = new ReplaySubject<void>(1);
  #typesRegistered!: () => void;
  /** Resolves once this boot has registered its resource types (or has ended without getting that far). */
  readonly registered = new Promise<void>((resolve) => {
    this.#typesRegistered = resolve;
  });
  readonly #resourceTypes: readonly ResourceType<unknown>[];
  readonly #namespaces: readonly TalosNamespace[];

  constructor(parts: {
    readonly state: State;
    readonly runtime: ControllerRuntime;
    readonly filesystem: NodeFilesystem;
    readonly services: ServiceSupervisor;
    readonly subsystems: readonly NodeSubsystem[];
    /** The Talos resource types the release registers, in registration order. */
    readonly resourceTypes: readonly ResourceType<unknown>[];
    /** The namespaces the release registers, in its order. */
    readonly namespaces: readonly TalosNamespace[];
  }) {
    this.state = parts.state;
    this.runtime = parts.runtime;
    this.filesystem = parts.filesystem;
    this.services = parts.services;
    this.subsystems = parts.subsystems;
    this.#resourceTypes = parts.resourceTypes;
    this.#namespaces = parts.namespaces;
    this.resources = new ResourceApi(parts.state, 'os:admin', this.#ended);
  }

  get idle(): boolean {
    return this.subsystems.every((s) => s.idle);
  }

  /** Emits and completes when this boot ends (at once when it has ended). */
  get ended(): Observable<void> {
    return this.#ended.asObservable();
  }

  /**
   * What machined does first: registers the namespaces and resource types, publishes the machine config, starts
   * the subsystems in order. Between steps `proceed()` is asked; false stops early (resolves false).
   */
  async start(config: MachineConfig | undefined, proceed: () => boolean): Promise<boolean> {
    if (!proceed()) return false;
    const registry = new ResourceRegistry(this.state);
    await registry.registerDefaults();
    for (const ns of this.#namespaces) await registry.registerNamespace(ns.name, ns.description);
    for (const type of this.#resourceTypes) await registry.registerType(type);
    this.#typesRegistered();
    if (!proceed()) return false;
    if (config !== undefined) await publishMachineConfig(this.state, config);
    for (const subsystem of this.subsystems) {
      if (!proceed()) return false;
      await subsystem.start();
      this.#started.push(subsystem);
    }
    return proceed();
  }

  /**
   * Where this boot is once settled: what a node of the same boot continues from (resume). Undefined when some part
   * cannot say (a state that is not in memory, a subsystem busy or with timers, a writable mount other than tmpfs).
   */
  checkpoint(log: readonly NodeLogEntry[], identity: BootIdentity | undefined): BootCheckpoint | undefined {
    const core = this.state.core;
    if (!(core instanceof InMemoryState) || this.#started.length !== this.subsystems.length) return undefined;
    const subsystems: unknown[] = [];
    for (const subsystem of this.subsystems) {
      const at = subsystem.resume === undefined ? undefined : subsystem.checkpoint?.();
      if (at === undefined) return undefined;
      subsystems.push(at);
    }
    const own = this.filesystem.filesystems;
    const tmpfsOwn = new Set<Filesystem>(this.filesystem.tmpfs.values());
    const live = this.filesystem.mounts.snapshot();
    if (live.mounts.some((m) => !m.readOnly && m.filesystem.writable && !tmpfsOwn.has(m.filesystem))) return undefined;
    const placed = placeholderMounts(live, own);
    if (placed === undefined) return undefined;
    const tmpfs = new Map([...this.filesystem.tmpfs].map(([path, fs]) => [path, fs.snapshot()] as const));
    return { state: core.snapshot(), mounts: placed.mounts, tmpfs, roles: placed.roles, log, subsystems, identity };
  }

  /** Whether this boot, not started, can continue from the checkpoint (see resume). */
  canResume(checkpoint: BootCheckpoint): boolean {
    const core = this.state.core;
    return (
      core instanceof InMemoryState &&
      core.empty &&
      this.#started.length === 0 &&
      filesystemMapping(checkpoint, this.filesystem.filesystems) !== undefined &&
      checkpoint.subsystems.length === this.subsystems.length &&
      this.subsystems.every((s) => s.resume !== undefined)
    );
  }

  /**
   * start() for a node of the same boot as the checkpoint's (its boot asset, release, config and clock), when
   * canResume(): the state, the mounts and the tmpfs contents are the checkpoint's, and the subsystems go on from
   * where those were. `content` rewrites tmpfs files (another node identity).
   */
  async resume(checkpoint: BootCheckpoint, content: ((data: Buffer) => Buffer) | undefined): Promise<void> {
    const mapping = filesystemMapping(checkpoint, this.filesystem.filesystems);
    if (!this.canResume(checkpoint) || mapping === undefined) throw new Error('this boot cannot resume the checkpoint');
    (this.state.core as InMemoryState).restore(checkpoint.state);
    this.#typesRegistered();
    for (const [path, snapshot] of checkpoint.tmpfs) this.filesystem.tmpfs.get(path)?.restore(snapshot, content);
    this.filesystem.mounts.restore(checkpoint.mounts, mapping);
    for (const [i, subsystem] of this.subsystems.entries()) {
      await subsystem.resume?.(checkpoint.subsystems[i]);
      this.#started.push(subsystem);
    }
  }

  /** Stops the started subsystems (last first), completes every watch of this boot, releases the boot media. */
  async stop(): Promise<void> {
    for (const subsystem of this.#started.splice(0).reverse()) await subsystem.stop();
    this.#ended.next();
    this.#ended.complete();
    this.#typesRegistered();
    this.filesystem.close();
  }
}
