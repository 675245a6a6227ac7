// Options of the service supervisor: what the node provides (clock, release, filesystem, readiness, config
// lookups, programs, PIDs, machine environment) and where it reports (machined's log, PID recorder, console).
import type { Clock, Logger } from '../cosi/index.js';
import type { Readiness } from './conditions/readiness.js';
import type { ExtensionServiceConfigSource } from './extension/extension-service.js';
import type { DeclarativeBehaviour } from './programs/declarative-behaviour.js';
import type { ProgramRegistry } from './programs/service-program.js';
import type { PidSource } from './runner/pid-source.js';
import type { PidRecorder } from './runner/runner.js';
import type { ServiceFs } from './service-fs.js';

export interface ServiceSupervisorOptions {
  readonly clock: Clock;
  /** The node's Talos release (behaviour and texts per release). */
  readonly talosVersion: string;
  /** machined's log: every state change as `service[<id>](<State>): <message>`. */
  readonly logger?: Logger;
  /** Where task PIDs go (ServicePID resources, v1.13.0-beta.1+). Default: nowhere. */
  readonly recordPid?: PidRecorder;
  /** The node's filesystem: file conditions, environment files, mount sources, entrypoints. */
  readonly fs: ServiceFs;
  /** Network and time readiness (default: all ready; hold and release through `readiness`). */
  readonly readiness?: Readiness;
  /** ExtensionServiceConfig(Status) lookups; absent: no config ever arrives (container mode). */
  readonly config?: ExtensionServiceConfigSource;
  /** Programs by entrypoint (default: an empty registry, see `programs`). */
  readonly programs?: ProgramRegistry;
  /** Declarative behaviours by service name (`hello-world`) or id (`ext-hello-world`). */
  readonly behaviours?: Readonly<Record<string, DeclarativeBehaviour>>;
  /** Task PIDs (default: 1000, 1001, …). */
  readonly pids?: PidSource;
  /** machine.env and kernel talos.environment entries, read at each start. Default: none. */
  readonly machineEnvironment?: () => readonly string[];
  /** The machine config's `debug` flag, read at each start. Default: false. */
  readonly debug?: () => boolean;
  /** Container mode (Docker provisioner). Default false. */
  readonly inContainer?: boolean;
  /** Where console output of logToConsole services goes. */
  readonly console?: (serviceId: string, line: string) => void;
  /** Lines each service log keeps. Default DEFAULT_LOG_LINES. */
  readonly logLines?: number;
}
