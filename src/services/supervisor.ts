// Talos's service supervisor (system.singleton) in virtual time: loads services, starts each start sequence,
// stops them (optionally after the services that depend on them), answers IsRunning and the API's start, stop
// and restart with machined's no-ops and errors, lists services with their 64-event histories, and streams every
// state change. As a node subsystem, `start()` opens it and `stop()` is machined's shutdown of all services.
import { type Observable, Subject } from 'rxjs';
import type { Clock, Logger } from '../cosi/index.js';
import { nullLogger } from '../cosi/index.js';
import type { ExtensionServiceSpec } from '../extensions/services/index.js';
import { formatMultierror } from '../gofmt/index.js';
import { Readiness } from './conditions/readiness.js';
import type { ServiceLookup } from './conditions/service-condition.js';
import { ExtensionService } from './extension/extension-service.js';
import { HostService, type HostServiceHandle } from './host-service.js';
import { ProgramRegistry } from './programs/service-program.js';
import type { ContainerSpec } from './runner/container-spec.js';
import { type PidSource, sequentialPids } from './runner/pid-source.js';
import type { PidRecorder } from './runner/runner.js';
import type { ServiceDefinition } from './service-definition.js';
import { errorText, ServiceError } from './service-error.js';
import type { ServiceEvent, ServiceHealth } from './service-event.js';
import { DEFAULT_LOG_LINES, ServiceLog } from './service-log.js';
import { type ServiceReleaseFacts, serviceReleaseFacts } from './service-release.js';
import { ServiceRunner, SKIPPED } from './service-runner.js';
import { isDownState, type ServiceState, serviceStateNumber } from './service-state.js';
import { stopServices } from './stop-services.js';
import type { ServiceSupervisorOptions } from './supervisor-options.js';

export interface ServiceStateChange {
  readonly service: string;
  readonly state: ServiceState;
  /** ServiceStateEvent.Action. */
  readonly action: number;
  readonly message: string;
  readonly timestamp: number;
  readonly health: ServiceHealth;
}

export interface ServiceInfo {
  readonly id: string;
  readonly state: ServiceState;
  /** Oldest first, at most 64. */
  readonly events: readonly ServiceEvent[];
  readonly health: ServiceHealth;
  /** A container of the latest start (extension services). */
  readonly container: ContainerSpec | undefined;
}

interface HostServiceCheckpoint {
  readonly id: string;
  readonly healthChecked: boolean;
  readonly state: ServiceState;
  readonly health: ServiceHealth;
  readonly events: readonly ServiceEvent[];
}

/** A supervisor's host services at one moment (see ServiceSupervisor.checkpoint). */
export type SupervisorCheckpoint = readonly HostServiceCheckpoint[];

export class ServiceSupervisor implements ServiceLookup {
  readonly name = 'service-supervisor';
  readonly release: ServiceReleaseFacts;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #recordPid: PidRecorder;
  readonly #runners = new Map<string, ServiceRunner>();
  readonly #running = new Set<string>();
  readonly #runs = new Set<Promise<void>>();
  readonly #changes = new Subject<ServiceStateChange>();
  readonly #logs = new Map<string, ServiceLog>();
  readonly #options: ServiceSupervisorOptions;
  readonly #pids: PidSource;
  /** Network and time readiness the `network` and `time` dependencies wait for. */
  readonly readiness: Readiness;
  /** Programs tasks run, by entrypoint. */
  readonly programs: ProgramRegistry;
  #terminating = false;

  constructor(options: ServiceSupervisorOptions) {
    this.#options = options;
    this.readiness = options.readiness ?? new Readiness();
    this.programs = options.programs ?? new ProgramRegistry();
    this.#pids = options.pids ?? sequentialPids();
    this.#clock = options.clock;
    this.#logger = options.logger ?? nullLogger;
    this.#recordPid = options.recordPid ?? (async () => {});
    this.release = serviceReleaseFacts(options.talosVersion);
  }

  /** Every state change of every service, in order; completes at shutdown. */
  get changes(): Observable<ServiceStateChange> {
    return this.#changes.asObservable();
  }

  /** All waiting is on the clock or on external events; microtask progress is the node's settle loop's job. */
  get idle(): boolean {
    return true;
  }

  async start(): Promise<void> {
    if (this.#terminating) throw new ServiceError({ kind: 'shut-down' });
  }

  /** machined's Shutdown: stops every service, each after those depending on it, then ends the change stream. */
  async stop(): Promise<void> {
    if (this.#terminating) return;
    this.#terminating = true;
    const ids = [...this.#runners.values()].filter((r) => !(r.service instanceof HostService)).map((r) => r.id);
    await stopServices({ runners: this.#runners, clock: this.#clock, logger: this.#logger }, ids, true);
    await Promise.all([...this.#runs]);
    // the node's own services stop last, as their runners end: a stopped node runs nothing
    for (const runner of [...this.#runners.values()].reverse()) {
      if (runner.service instanceof HostService && !isDownState(runner.state)) {
        runner.updateState('Finished', 'Service finished successfully');
      }
    }
    this.#changes.complete();
    for (const log of this.#logs.values()) log.close();
  }

  /**
   * The host services as they are, when nothing else is loaded and nothing runs or waits: what the supervisor of a
   * node forked from this one continues from (resume). Undefined otherwise.
   */
  checkpoint(): SupervisorCheckpoint | undefined {
    if (this.#terminating || this.#running.size > 0 || this.#runs.size > 0 || this.#logs.size > 0) return undefined;
    const hosts: HostServiceCheckpoint[] = [];
    for (const runner of this.#runners.values()) {
      if (!(runner.service instanceof HostService) || !runner.allEventsKept) return undefined;
      const { id, healthChecked } = runner.service;
      hosts.push({ id, healthChecked, state: runner.state, health: runner.health, events: runner.events() });
    }
    return hosts;
  }

  /** Registers the checkpoint's host services as they were there, without recording changes; before start(). */
  resume(checkpoint: SupervisorCheckpoint): void {
    for (const host of checkpoint) {
      const runner = this.#newRunner(new HostService(host.id, host.healthChecked));
      runner.restore(host);
      this.#runners.set(host.id, runner);
    }
  }

  /** Adds services (a loaded id is kept as it is); returns their ids. Nothing is loaded after shutdown. */
  load(...services: ServiceDefinition[]): string[] {
    if (this.#terminating) return [];
    return services.map((service) => {
      if (!this.#runners.has(service.id)) this.#runners.set(service.id, this.#newRunner(service));
      return service.id;
    });
  }

  /** A service the host runs itself, initially Initialized; the handle drives its state. */
  registerHostService(id: string, options: { readonly healthChecked?: boolean } = {}): HostServiceHandle {
    const runner = this.#runners.get(id) ?? this.#newRunner(new HostService(id, options.healthChecked ?? false));
    this.#runners.set(id, runner);
    return {
      id,
      update: (state, message) => runner.updateState(state, message),
      setHealth: (health) => runner.setHealth(health),
    };
  }

  /** An extension service for this node (not loaded yet): what ExtensionServiceController loads and starts. */
  newExtensionService(spec: ExtensionServiceSpec): ExtensionService {
    const o = this.#options;
    const id = `ext-${spec.name}`;
    return new ExtensionService(spec, {
      clock: this.#clock,
      release: this.release,
      fs: o.fs,
      readiness: this.readiness,
      config: o.config,
      programs: this.programs,
      behaviour: o.behaviours?.[spec.name] ?? o.behaviours?.[id],
      pids: this.#pids,
      log: this.serviceLog(id),
      machineEnvironment: o.machineEnvironment ?? (() => []),
      debug: o.debug ?? (() => false),
      inContainer: o.inContainer ?? false,
      console: o.console,
    });
  }

  /**
   * The log stream of a service (created on first use; bounded). After shutdown a service without a log gets an
   * empty one, already closed: following it ends at once, as following any log of a stopped node does.
   */
  serviceLog(id: string): ServiceLog {
    let log = this.#logs.get(id);
    if (log === undefined) {
      log = new ServiceLog(id, this.#options.logLines ?? DEFAULT_LOG_LINES);
      if (this.#terminating) log.close();
      else this.#logs.set(id, log);
    }
    return log;
  }

  lookup(id: string): ServiceRunner | undefined {
    return this.#runners.get(id);
  }

  /**
   * Starts each service that is not running; resolves once each has recorded Starting. Unknown ids are reported
   * together as a multierror (upstream would crash on them).
   */
  async startServices(...ids: string[]): Promise<void> {
    if (this.#terminating) return;
    const missing: string[] = [];
    for (const id of ids) {
      const runner = this.#runners.get(id);
      if (runner === undefined) {
        missing.push(new ServiceError({ kind: 'not-defined', id }).message);
        continue;
      }
      if (this.#running.has(id) || runner.service instanceof HostService) continue;
      this.#running.add(id);
      this.#launch(runner);
    }
    if (missing.length > 0) throw ServiceError.failed(formatMultierror(missing));
  }

  /** Stop: asks the services to stop and waits until each is down. */
  async stopServices(...ids: string[]): Promise<void> {
    if (ids.length === 0 || this.#terminating) return;
    await stopServices({ runners: this.#runners, clock: this.#clock, logger: this.#logger }, ids, false);
  }

  /** StopWithRevDepenencies: also stops the services depending on them, waiting for those first (up to 30 s). */
  async stopWithReverseDependencies(...ids: string[]): Promise<void> {
    if (ids.length === 0 || this.#terminating) return;
    await stopServices({ runners: this.#runners, clock: this.#clock, logger: this.#logger }, ids, true);
  }

  /** IsRunning: whether its start sequence is in progress (Starting … Stopping); throws `not-defined`. */
  isRunning(id: string): {
    readonly service: ServiceDefinition;
    readonly running: boolean;
    readonly state: ServiceState;
  } {
    const runner = this.#runners.get(id);
    if (runner === undefined) throw new ServiceError({ kind: 'not-defined', id });
    const state = runner.state;
    if (runner.service instanceof HostService) {
      const running = state !== 'Initialized' && state !== 'Finished' && state !== 'Failed' && state !== 'Skipped';
      return { service: runner.service, running, state };
    }
    return { service: runner.service, running: this.#running.has(id), state };
  }

  async apiStart(id: string): Promise<void> {
    const { service, running } = this.isRunning(id);
    if (running) return;
    if (!service.apiStartAllowed) throw new ServiceError({ kind: 'api-not-allowed', id, operation: 'start' });
    await this.startServices(id);
  }

  async apiStop(id: string): Promise<void> {
    const { service, running } = this.isRunning(id);
    if (!running) return;
    if (!service.apiStopAllowed) throw new ServiceError({ kind: 'api-not-allowed', id, operation: 'stop' });
    await this.stopServices(id);
  }

  async apiRestart(id: string): Promise<void> {
    const { service, running } = this.isRunning(id);
    if (!running) return this.apiStart(id);
    if (!service.apiRestartAllowed) throw new ServiceError({ kind: 'api-not-allowed', id, operation: 'restart' });
    await this.stopServices(id);
    await this.startServices(id);
  }

  /** Every service, sorted by id. */
  list(): ServiceInfo[] {
    return [...this.#runners.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => this.#info(r));
  }

  /** One service, or undefined. */
  get(id: string): ServiceInfo | undefined {
    const runner = this.#runners.get(id);
    return runner === undefined ? undefined : this.#info(runner);
  }

  #info(r: ServiceRunner): ServiceInfo {
    return { id: r.id, state: r.state, events: r.events(), health: r.health, container: r.service.container };
  }

  #newRunner(service: ServiceDefinition): ServiceRunner {
    return new ServiceRunner(service, {
      clock: this.#clock,
      release: this.release,
      services: this,
      recordPid: this.#recordPid,
      onEvent: (id, event) => {
        this.#logger.log('info', `service[${id}](${event.state}): ${event.message}`);
        this.#changes.next({
          service: id,
          state: event.state,
          action: serviceStateNumber(event.state),
          message: event.message,
          timestamp: event.timestamp,
          health: event.health,
        });
      },
    });
  }

  #launch(runner: ServiceRunner): void {
    const id = runner.id;
    const run = (async () => {
      let outcome: typeof SKIPPED | undefined;
      let failure: unknown;
      let failed = false;
      try {
        outcome = await runner.run(() => {});
      } catch (err) {
        failed = true;
        failure = err;
      } finally {
        this.#running.delete(id);
      }
      if (failed) {
        const msg = errorText(failure);
        runner.updateState('Failed', msg.length > 0 ? msg[0]?.toUpperCase() + msg.slice(1) : msg);
      } else if (outcome === SKIPPED) runner.updateState('Skipped', 'Service skipped');
      else runner.updateState('Finished', 'Service finished successfully');
    })();
    this.#runs.add(run);
    void run.finally(() => this.#runs.delete(run));
  }
}
