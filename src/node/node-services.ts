// The node's service supervisor: what lives as long as the node (programs registered for entrypoints, network and
// time readiness a test holds back, scenario behaviours), the supervisor of each boot wired to the node's clock,
// filesystem, resources and config, and `node.services`, the facade users drive services through.
import type { Observable } from 'rxjs';
import { extensionServiceConfigSource, hasServicePIDs, servicePidRecorder } from '../../resources/index.js';
import type { Clock, Logger, State } from '../cosi/index.js';
import { documentsOfKind, type MachineConfig, v1alpha1Document } from '../machine-config/index.js';
import type { NodeFs } from '../overlayfs-sim/index.js';
import {
  type DeclarativeBehaviour,
  type LogLine,
  mountNamespaceOf,
  ProgramRegistry,
  Readiness,
  ServiceError,
  type ServiceFs,
  type ServiceInfo,
  type ServiceProgram,
  type ServiceStateChange,
  ServiceSupervisor,
  type SupervisorCheckpoint,
} from '../services/index.js';
import { startHostServices } from './host-services.js';
import type { NodeOperation } from './node-lifecycle-error.js';
import type { NodeSubsystem } from './node-subsystem.js';

/** What a node's services are given when it is created. */
export interface NodeServicesOptions {
  /** Declarative behaviours by service name (`hello-world`) or id (`ext-hello-world`); they win over programs. */
  readonly behaviours?: Readonly<Record<string, DeclarativeBehaviour>>;
  /** Programs by entrypoint (its path inside the service's root, or its host path). */
  readonly programs?: Readonly<Record<string, ServiceProgram>>;
  /**
   * Not upstream (its quirk is the default): a service already Running when its ExtensionServiceConfig first
   * appears is restarted so it picks up the files and environment, instead of keeping running without them.
   */
  readonly strictConfig?: boolean;
}

/** What outlives a boot: programs, readiness and behaviours. */
export class NodeServiceHost {
  readonly programs = new ProgramRegistry();
  readonly readiness = new Readiness();
  readonly behaviours: Readonly<Record<string, DeclarativeBehaviour>>;
  readonly strictConfig: boolean;

  constructor(options: NodeServicesOptions = {}) {
    this.behaviours = { ...options.behaviours };
    this.strictConfig = options.strictConfig === true;
    for (const [entrypoint, program] of Object.entries(options.programs ?? {})) {
      this.programs.register(entrypoint, program);
    }
  }
}

/** What one boot's supervisor is made from. */
export interface SupervisorContext {
  readonly talosVersion: string;
  readonly clock: Clock;
  readonly state: State;
  readonly fs: ServiceFs;
  /** machined's logger: every state change as `service[<id>](<State>): <message>`. */
  readonly logger: Logger;
  readonly host: NodeServiceHost;
  /** The machine config in force (read at every service start). */
  readonly config: () => MachineConfig | undefined;
  /** The kernel console: what services with logToConsole (or every service under `debug: true`) print. */
  readonly console?: (serviceId: string, line: string) => void;
}

/** The supervisor of one boot. */
export function newSupervisor(ctx: SupervisorContext): ServiceSupervisor {
  return new ServiceSupervisor({
    clock: ctx.clock,
    talosVersion: ctx.talosVersion,
    fs: ctx.fs,
    logger: ctx.logger,
    readiness: ctx.host.readiness,
    programs: ctx.host.programs,
    behaviours: ctx.host.behaviours,
    config: extensionServiceConfigSource(ctx.state),
    ...(hasServicePIDs(ctx.talosVersion) ? { recordPid: servicePidRecorder(ctx.state, mountNamespaceOf) } : {}),
    machineEnvironment: () => machineEnvironment(ctx.config()),
    debug: () => v1alpha1Document(ctx.config() ?? { text: '', documents: [] })?.value.debug === true,
    ...(ctx.console === undefined ? {} : { console: ctx.console }),
  });
}

/**
 * The environment machined gives every service (environment.Get): `.machine.env`, then from v1.13 the `variables`
 * of the EnvironmentConfig document, as `KEY=value` entries in the order the config lists them (Go ranges over
 * maps in random order; talos-sim keeps the config's, so two runs agree).
 */
function machineEnvironment(config: MachineConfig | undefined): string[] {
  if (config === undefined) return [];
  const entries = (map: unknown): string[] =>
    map === null || typeof map !== 'object' || Array.isArray(map)
      ? []
      : Object.entries(map as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
  const machine = v1alpha1Document(config)?.value.machine;
  return [
    ...entries(machine !== null && typeof machine === 'object' ? (machine as { env?: unknown }).env : undefined),
    ...documentsOfKind(config, 'EnvironmentConfig').flatMap((doc) => entries(doc.value.variables)),
  ];
}

/** constants.MachineSocketPath. */
export const MACHINE_SOCKET_PATH = '/system/run/machined/machine.sock';

/** The supervisor as the node's second subsystem: opens it, starts the release's host services, opens the API. */
export function supervisorSubsystem(supervisor: ServiceSupervisor, talosVersion: string, fs: NodeFs): NodeSubsystem {
  return {
    name: supervisor.name,
    async start() {
      await supervisor.start();
      startHostServices(supervisor, talosVersion);
      // machined's API socket (nut-client and qemu-guest-agent wait for it); memfs has no sockets: an empty file.
      // A bare rootfs a test gives may have no /system to put it in.
      if (fs.existsSync('/system')) {
        fs.mkdirSync(MACHINE_SOCKET_PATH.slice(0, MACHINE_SOCKET_PATH.lastIndexOf('/')), { recursive: true });
        fs.writeFileSync(MACHINE_SOCKET_PATH, '', { mode: 0o600 });
      }
    },
    stop: () => supervisor.stop(),
    get idle() {
      return supervisor.idle;
    },
    checkpoint: () => supervisor.checkpoint(),
    async resume(checkpoint) {
      supervisor.resume(checkpoint as SupervisorCheckpoint);
      await supervisor.start();
    },
  };
}

/**
 * `node.services`: the services of the current boot as `talosctl service` and `talosctl logs` see them, and what
 * a test drives them with. Calls that change services wait until the node has settled (without moving time).
 */
export class NodeServices {
  constructor(
    private readonly current: () => ServiceSupervisor,
    private readonly host: NodeServiceHost,
    private readonly settle: () => Promise<void>,
    /** Throws the node's NodeLifecycleError when it is not running (no machined to answer). */
    private readonly requireRunning: (operation: NodeOperation) => void = () => {},
  ) {}

  /** Every service (host and extension), sorted by id, with its state, health and last 64 events. */
  list(): ServiceInfo[] {
    return this.current().list();
  }

  /** One service, or undefined when the node has none with this id. */
  get(id: string): ServiceInfo | undefined {
    return this.current().get(id);
  }

  /**
   * Starts a service that is not running (machined's API start; `service "<id>" not defined` otherwise). These
   * calls need a running node: on another a NodeLifecycleError `invalid-phase`.
   */
  async start(id: string): Promise<void> {
    this.requireRunning('service start');
    await this.current().apiStart(id);
    await this.settle();
  }

  /** Stops a running service and waits until it is down (virtual time must move for a SIGKILL after 10 s). */
  async stop(id: string): Promise<void> {
    this.requireRunning('service stop');
    await this.current().apiStop(id);
    await this.settle();
  }

  async restart(id: string): Promise<void> {
    this.requireRunning('service restart');
    await this.current().apiRestart(id);
    await this.settle();
  }

  /** The last `tail` lines of a service's log (all kept lines when omitted), oldest first. */
  logs(id: string, options: { readonly tail?: number } = {}): LogLine[] {
    return this.#log(id).lines(options.tail);
  }

  /** Lines a service writes from now on; completes when the boot ends. */
  follow(id: string): Observable<LogLine> {
    return this.#log(id).follow();
  }

  /** The log of a service this boot has (ServiceError `not-defined` otherwise: no log is made for any id). */
  #log(id: string) {
    const supervisor = this.current();
    if (supervisor.lookup(id) === undefined) throw new ServiceError({ kind: 'not-defined', id });
    return supervisor.serviceLog(id);
  }

  /** Every state change of every service of the current boot; completes when the boot ends. */
  get changes(): Observable<ServiceStateChange> {
    return this.current().changes;
  }

  /** Registers what a task whose entrypoint is `entrypoint` runs (kept across reboots). */
  register(entrypoint: string, program: ServiceProgram): void {
    this.host.programs.register(entrypoint, program);
  }

  /** Network and time readiness (`holdNetwork()`, `releaseNetwork()`, `setTimeSynced(false)`…), kept across boots. */
  get readiness(): Readiness {
    return this.host.readiness;
  }
}
