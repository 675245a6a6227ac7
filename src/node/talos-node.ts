// A simulated Talos node across its lifecycle: boot, shutdown, reboot, upgrade and applyConfig, each as upstream
// does it and each visible in the node's log and resources. What lives for one boot (state, controllers, tmpfs,
// subsystems) is a NodeBoot; the node keeps its address, clock, log, boot asset and machine config across boots.
// Lifecycle calls never overlap: a call that finds another one running fails with a NodeLifecycleError, except
// shutdown(), which aborts a boot in progress and waits for it to unwind.

import type { Observable } from 'rxjs';
import { publishMachineConfig } from '../../resources/index.js';
import {
  awaitAsTimeRuns,
  type Clock,
  ControllerError,
  type ControllerRuntime,
  flushMicrotasks,
  type Random,
  type Resource,
  type ResourceDefinitionSpec,
  type State,
  type StateEvent,
} from '../cosi/index.js';
import type { BootAsset } from '../imager/index.js';
import { type MachineConfig, parseMachineConfig } from '../machine-config/index.js';
import { apiActorId } from './api-actor-id.js';
import { type ApplyConfigResult, acceptMachineConfig } from './apply-config.js';
import { logConfigAcquisition } from './config-acquisition-log.js';
import type { FirstBootForking } from './first-boot-forking.js';
import type { NodeBoot } from './node-boot.js';
import type { NodeFilesystem } from './node-filesystem.js';
import type { NodeInstallRequest, NodeInstallSpec, NodeUpgradeOptions } from './node-install-spec.js';
import { NodeLifecycleError, type NodeOperation } from './node-lifecycle-error.js';
import type { NodeLog } from './node-log.js';
import type { NodePhase } from './node-phase.js';
import { type NodeServiceHost, NodeServices } from './node-services.js';
import { configOfNewBoot, planUpgrade, runInstaller } from './node-upgrade.js';
import type { ResourceApi } from './resource-api.js';
import {
  type QueryOptions,
  ResourceQueries,
  type ResourceTypeRef,
  type SpecOf,
  type WaitForOptions,
} from './resource-queries.js';

export interface TalosNodeParts {
  readonly address: string;
  readonly clock: Clock;
  /** Source of the ids the node makes (API actor ids). */
  readonly random: Random;
  readonly log: NodeLog;
  /** What the node was installed with (release and extensions): the base of upgrades. */
  readonly install: NodeInstallSpec;
  readonly bootAsset: BootAsset | undefined;
  readonly machineConfig: MachineConfig | undefined;
  /** Mounts the boot media and makes the state, runtime and subsystems of one boot (nothing started). */
  readonly prepareBoot: (asset: BootAsset | undefined, talosVersion: string) => Promise<NodeBoot>;
  /** The installer: builds the boot asset an upgrade boots into. */
  readonly buildBootAsset: (spec: NodeInstallRequest, config: MachineConfig | undefined) => Promise<BootAsset>;
  /** The first boot, prepared when the node is created (so its filesystem is readable before boot). */
  readonly firstBoot: NodeBoot;
  /** What the node's services keep across boots (programs, readiness, behaviours). */
  readonly serviceHost: NodeServiceHost;
  /** Continuing the first boot from a checkpoint of the same boot (fleets), or leaving one. */
  readonly forking?: FirstBootForking;
}

/** The most simulated time services may take to stop (each gets SIGKILL 10 s after SIGTERM). */
const STOP_LIMIT_MS = 120_000;

/** Settle gives up after this many rounds of pending work (a controller that never parks). */
const SETTLE_ROUNDS = 10_000;

export class TalosNode {
  readonly address: string;
  readonly clock: Clock;
  /** The node's log ring: init's and machined's lines, stamped with the node's clock. */
  readonly log: NodeLog;
  #install: NodeInstallSpec;
  #bootAsset: BootAsset | undefined;
  #config: MachineConfig | undefined;
  #boot: NodeBoot;
  #phase: NodePhase = 'created';
  /** The operation in progress (boot, shutdown…), so overlapping calls can wait for it or be refused. */
  #busy: { readonly operation: NodeOperation; readonly done: Promise<unknown> } | undefined;
  /** A shutdown waits for the operation in progress: its boot (now or once prepared) is to be aborted. */
  #shutdownRequested = false;
  readonly #parts: TalosNodeParts;
  readonly #queries: ResourceQueries;
  /** The services of the current boot: list, start, stop, restart, logs, programs, readiness. */
  readonly services: NodeServices;

  /** @internal Nodes are made by createNode (or the container of createNodeContainer), which assemble the parts. */
  constructor(parts: TalosNodeParts) {
    this.address = parts.address;
    this.clock = parts.clock;
    this.log = parts.log;
    this.#install = parts.install;
    this.#bootAsset = parts.bootAsset;
    this.#config = parts.machineConfig;
    this.#boot = parts.firstBoot;
    this.#parts = parts;
    this.#queries = new ResourceQueries(
      parts.address,
      parts.clock,
      () => this.#boot.resources,
      () => this.#boot.registered,
    );
    this.services = new NodeServices(
      () => this.#boot.services,
      parts.serviceHost,
      () => this.settle(),
      (operation) => {
        if (this.#phase !== 'running') {
          throw new NodeLifecycleError({ kind: 'invalid-phase', address: this.address, operation, phase: this.#phase });
        }
      },
    );
  }

  get phase(): NodePhase {
    return this.#phase;
  }

  /** The Talos release the node runs (changes with upgrades). */
  get talosVersion(): string {
    return this.#install.talosVersion;
  }

  /** What the node was installed with: its release and extensions. */
  get install(): NodeInstallSpec {
    return this.#install;
  }

  /** The boot asset the node boots (undefined: a stock asset without extensions). */
  get bootAsset(): BootAsset | undefined {
    return this.#bootAsset;
  }

  /** The machine config in force. */
  get machineConfig(): MachineConfig | undefined {
    return this.#config;
  }

  /** The COSI state of the current (or last) boot. */
  get state(): State {
    return this.#boot.state;
  }

  get runtime(): ControllerRuntime {
    return this.#boot.runtime;
  }

  /** The node's filesystem namespace as machined sees it: mount table, node:fs facade, root overlay. */
  get filesystem(): NodeFilesystem {
    return this.#boot.filesystem;
  }

  /** The node's files as node:fs offers them (`readFileSync`, `promises.readdir`…), through its mount table. */
  get fs(): NodeFilesystem['fs'] {
    return this.#boot.filesystem.fs;
  }

  /**
   * Emits and completes when the boot the node runs now ends (shutdown, reboot, upgrade); at once when the node is
   * stopped, and on a node not booted yet when its first boot ends. Followers of the node's streams end with it.
   */
  get bootEnded(): Observable<void> {
    return this.#boot.ended;
  }

  /** The resource API with os:admin rights (what `talosctl get` talks to); its watches complete at shutdown. */
  get resources(): ResourceApi {
    return this.#boot.resources;
  }

  /** The resource definition a type object or a talosctl name stands for on this node. */
  definition(type: ResourceTypeRef): Promise<ResourceDefinitionSpec> {
    return this.#queries.definition(type);
  }

  /** One resource by type object (typed) or any name talosctl accepts (`'es'`), in its default namespace. */
  get<T extends ResourceTypeRef>(type: T, id: string, options?: QueryOptions): Promise<Resource<SpecOf<T>>> {
    return this.#queries.get(type, id, options);
  }

  /** Every resource of a type, sorted by id, as `talosctl get <type>` lists them. */
  list<T extends ResourceTypeRef>(type: T, options?: QueryOptions): Promise<Resource<SpecOf<T>>[]> {
    return this.#queries.list(type, options);
  }

  /** The current resources of a type, then every change; completes when the node shuts down. */
  watch<T extends ResourceTypeRef>(type: T, options?: QueryOptions & { readonly id?: string }): Observable<StateEvent> {
    return this.#queries.watch(type, options);
  }

  /** The first resource matching `predicate`, now or later; the timeout is in virtual time (WaitTimeoutError). */
  waitFor<T extends ResourceTypeRef>(
    type: T,
    predicate: (resource: Resource<SpecOf<T>>) => boolean,
    options?: WaitForOptions,
  ): Promise<Resource<SpecOf<T>>> {
    return this.#queries.waitFor(type, predicate, options);
  }

  /** Registers namespaces and resource definitions, publishes the machine config, starts the subsystems, settles. */
  boot(): Promise<void> {
    return this.#run('boot', ['created', 'stopped'], async () => {
      // a boot after a shutdown starts from fresh state, as a power cycle does
      if (this.#phase === 'stopped') this.#boot = await this.#prepare(this.#bootAsset, this.talosVersion, 'boot');
      await this.#bootCurrent('boot');
    });
  }

  /**
   * Stops the subsystems in reverse order; a boot in progress is aborted, also the boot a reboot or an upgrade in
   * progress is about to start. Safe to call in any phase.
   */
  async shutdown(): Promise<void> {
    if (this.#phase === 'running' && this.#busy === undefined) {
      this.#logger().log('info', `shutdown via API received. actor id: ${apiActorId(this.#parts.random)}`);
    }
    try {
      for (;;) {
        const busy = this.#busy;
        if (busy === undefined) break;
        if (busy.operation === 'shutdown') {
          await busy.done;
          return;
        }
        this.#shutdownRequested = true;
        await busy.done.catch(() => {});
      }
      if (this.#phase === 'stopped') return;
      await this.#run('shutdown', ['created', 'running'], () => this.#shutdownCurrent('shutdown'));
    } finally {
      this.#shutdownRequested = false;
    }
  }

  /** Shutdown, then boot from the same boot asset: state, tmpfs and subsystems start afresh. */
  reboot(): Promise<void> {
    return this.#run('reboot', ['running'], async () => {
      this.#logger().log('info', `reboot via API received. actor id: ${apiActorId(this.#parts.random)}`);
      await this.#shutdownCurrent('reboot');
      this.#boot = await this.#prepare(this.#bootAsset, this.talosVersion, 'reboot');
      await this.#bootCurrent('reboot');
    });
  }

  /**
   * Builds the boot asset of the new install (release, extensions; unset fields keep the current ones; the same
   * release is allowed) with the installer, then reboots into it. Refused at once when a `config` given is one
   * applyConfig would refuse (changing nothing), or when the installer image cannot be had (InstallSpecError,
   * ImagerError): machined has then logged `upgrade request received` already, as it does before it validates the
   * image (v1alpha1_server.go), and nothing else changes.
   * Once machined has accepted the request, what fails is its pulls of `.machine.install.extensions` (≤ v1.9 running)
   * or the installer of the new release (config load and validation, its extension build): a NodeLifecycleError
   * (`failed`, its cause an InstallerError with the installer's text) after their lines reached the node's log; the
   * node keeps running its old install. Once the new boot is prepared the node is on its new install, as a disk the
   * installer wrote: a shutdown() that then aborts the boot leaves it stopped there.
   */
  upgrade(options: NodeUpgradeOptions = {}): Promise<void> {
    return this.#run('upgrade', ['running'], async () => {
      const plan = planUpgrade(options, { install: this.#install, config: this.#config });
      this.#logger().log('info', 'upgrade request received: staged false, force false, reboot mode DEFAULT');
      const asset = await runInstaller(
        {
          address: this.address,
          phase: this.#phase,
          log: this.log,
          now: () => this.clock.now(),
          build: this.#parts.buildBootAsset,
        },
        plan,
      );
      await this.#shutdownCurrent('upgrade');
      // committed only once the new boot is prepared: a failure leaves the node stopped on its old install
      this.#boot = await this.#prepare(asset, plan.spec.talosVersion, 'upgrade');
      this.#install = plan.spec;
      this.#bootAsset = asset;
      this.#config = configOfNewBoot(plan);
      await this.#bootCurrent('upgrade');
    });
  }

  /**
   * Replaces the machine config (multi-document YAML). Invalid documents are refused with the upstream validation
   * text and change nothing; on a running node the MachineConfig resource is updated at once.
   */
  applyConfig(config: string | MachineConfig): Promise<ApplyConfigResult> {
    return this.#run('applyConfig', ['created', 'running', 'stopped'], async () => {
      // a MachineConfig parsed for another release is loaded again by this one's config loader
      const parsed = this.#parseConfig(typeof config === 'string' ? config : config.text);
      const result = acceptMachineConfig(parsed, this.talosVersion, this.#phase === 'running');
      this.#config = parsed;
      if (this.#phase === 'running') {
        this.#logger().log('info', 'apply config request: mode auto(no_reboot)');
        await publishMachineConfig(this.state, parsed);
        await this.settle();
      }
      return result;
    });
  }

  /** Waits until every subsystem has nothing left to do without time passing (timers are not advanced). */
  async settle(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      await flushMicrotasks();
      if (this.#phase !== 'running' && this.#phase !== 'booting') return;
      if (this.#boot.idle) return;
    }
    const busy = this.#boot.subsystems.filter((s) => !s.idle).map((s) => s.name);
    throw new ControllerError('runtime', `node ${this.address} did not settle: ${busy.join(', ')} still busy`);
  }

  #parseConfig(text: string): MachineConfig {
    return parseMachineConfig(text, { talosVersion: this.talosVersion });
  }

  #logger() {
    return this.log.logger({ component: 'machined' });
  }

  async #run<T>(operation: NodeOperation, from: readonly NodePhase[], body: () => Promise<T>): Promise<T> {
    if (this.#busy !== undefined || !from.includes(this.#phase)) {
      throw new NodeLifecycleError({
        kind: 'invalid-phase',
        address: this.address,
        operation,
        phase: this.#phase,
        ...(this.#busy === undefined ? {} : { inProgress: this.#busy.operation }),
      });
    }
    const done = body();
    this.#busy = { operation, done };
    try {
      return await done;
    } finally {
      this.#busy = undefined;
    }
  }

  /** Mounts the media and makes the state of a boot; a failure is the operation's (the node stays as it is). */
  async #prepare(asset: BootAsset | undefined, talosVersion: string, operation: NodeOperation): Promise<NodeBoot> {
    try {
      // init's lines of the new boot are its kernel's first; a failed prepare leaves the running boot's ring as it is
      const at = this.log.position;
      const boot = await this.#parts.prepareBoot(asset, talosVersion);
      this.log.markBoot(at);
      return boot;
    } catch (err) {
      const cause = err instanceof Error ? err : new Error(String(err));
      throw new NodeLifecycleError({ kind: 'failed', address: this.address, operation, phase: this.#phase, cause });
    }
  }

  async #bootCurrent(operation: NodeOperation): Promise<void> {
    const boot = this.#boot;
    // only a node's first boot is shared with other nodes of the same boot
    const forking = this.#phase === 'created' ? this.#parts.forking : undefined;
    this.#phase = 'booting';
    try {
      // machined's config acquisition, before its controllers run (a node continuing from a checkpoint logs it too)
      logConfigAcquisition(this.log, this.#config, this.talosVersion);
      if (forking !== undefined && (await forking.resume(boot, () => !this.#shutdownRequested))) {
        await this.settle();
      } else if (await boot.start(this.#config, () => !this.#shutdownRequested)) {
        await this.settle();
        if (!this.#shutdownRequested) forking?.settled(boot);
      }
      if (this.#shutdownRequested) throw new NodeLifecycleError({ kind: 'aborted', address: this.address, operation });
      this.#phase = 'running';
    } catch (err) {
      await this.#stop(boot, operation);
      this.#phase = 'stopped';
      if (err instanceof NodeLifecycleError) throw err;
      const cause = err instanceof Error ? err : new Error(String(err));
      throw new NodeLifecycleError({ kind: 'failed', address: this.address, operation, phase: 'stopped', cause });
    }
  }

  /**
   * Stops a boot. Its services stop as on Talos (SIGTERM, then SIGKILL 10 s later), so on a virtual clock the node
   * lets time run while they do, once nothing else is left to do.
   */
  #stop(boot: NodeBoot, operation: NodeOperation): Promise<void> {
    return awaitAsTimeRuns(this.clock, boot.stop(), {
      limitMs: STOP_LIMIT_MS,
      onLimit: (ms) =>
        new NodeLifecycleError({
          kind: 'failed',
          address: this.address,
          operation,
          phase: this.#phase,
          cause: new Error(`its services did not stop within ${ms / 1000}s of simulated time`),
        }),
    });
  }

  async #shutdownCurrent(operation: NodeOperation): Promise<void> {
    if (this.#phase === 'running') {
      this.#phase = 'stopping';
    }
    await this.#stop(this.#boot, operation);
    this.#phase = 'stopped';
  }
}
