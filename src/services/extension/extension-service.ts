// An extension service (system/services/extension.go): `ext-<name>`, depending on containerd and the spec's
// `service:` entries; its condition waits for the environment file, then each path, network, time and
// configuration dependency in order; each start computes mounts (missing sources become 0700 directories, even
// for files — a QUIRK upstream has), environment and config binds afresh, and runs the entrypoint under the
// restart policy. API start, stop and restart are allowed; there are no health checks.
import type { Clock } from '../../cosi/index.js';
import { type ExtensionServiceSpec, RestartKind } from '../../extensions/services/index.js';
import { goFsErrorText, goQuote, isNotExist } from '../../gofmt/index.js';
import type { Condition } from '../conditions/condition.js';
import { ConfigStatusCondition, type ConfigStatusSource } from '../conditions/config-status-condition.js';
import { FileCondition } from '../conditions/file-condition.js';
import {
  NETWORK_CHECKS,
  type NetworkCheck,
  NetworkCondition,
  type Readiness,
  TimeSyncCondition,
} from '../conditions/readiness.js';
import { waitForAll } from '../conditions/wait-for-all.js';
import { type DeclarativeBehaviour, declarativeProgram, defaultProgram } from '../programs/declarative-behaviour.js';
import type { ProgramRegistry, ServiceProgram } from '../programs/service-program.js';
import type { ContainerSpec } from '../runner/container-spec.js';
import type { PidSource } from '../runner/pid-source.js';
import { RestartRunner, type RestartType } from '../runner/restart-runner.js';
import type { Runner } from '../runner/runner.js';
import { TaskRunner } from '../runner/task-runner.js';
import type { ServiceDefinition } from '../service-definition.js';
import { ServiceError } from '../service-error.js';
import type { ServiceFs } from '../service-fs.js';
import type { ServiceLog } from '../service-log.js';
import type { ServiceReleaseFacts } from '../service-release.js';
import { parseEnvFile } from './env-file.js';
import { taskEnvironment } from './environment.js';
import { extensionContainer, extensionMounts } from './extension-container.js';

/** The ExtensionServiceConfig resource as the runner reads it. */
export interface ExtensionServiceConfigData {
  readonly files?: readonly { readonly content: string; readonly mountPath: string }[];
  readonly environment?: readonly string[];
}

/** Where user config comes from: the ExtensionServiceConfig(Status) resources of the node. */
export interface ExtensionServiceConfigSource extends ConfigStatusSource {
  getConfig(serviceName: string): Promise<ExtensionServiceConfigData | undefined>;
}

export interface ExtensionServiceHost {
  readonly clock: Clock;
  readonly release: ServiceReleaseFacts;
  readonly fs: ServiceFs;
  readonly readiness: Readiness;
  /** Absent: no config ever arrives (`configuration: true` waits forever, nothing is mounted). */
  readonly config?: ExtensionServiceConfigSource | undefined;
  readonly programs: ProgramRegistry;
  /** A scenario's behaviour for this service; wins over registered programs. */
  readonly behaviour?: DeclarativeBehaviour | undefined;
  readonly pids: PidSource;
  readonly log: ServiceLog;
  /** machine.env and the kernel's talos.environment, as `KEY=value`. */
  readonly machineEnvironment: () => readonly string[];
  /** The machine config's `debug: true` sends every service's output to the console. */
  readonly debug: () => boolean;
  /** Container mode (Docker provisioner): the marker file is bind-mounted into every service. */
  readonly inContainer: boolean;
  readonly console?: ((serviceId: string, line: string) => void) | undefined;
}

const RESTART_TYPES: Readonly<Record<number, RestartType>> = {
  [RestartKind.always]: 'Forever',
  [RestartKind.never]: 'Once',
  [RestartKind.untilSuccess]: 'UntilSuccess',
};

export class ExtensionService implements ServiceDefinition {
  readonly id: string;
  readonly healthChecked = false;
  readonly apiStartAllowed = true;
  readonly apiStopAllowed = true;
  readonly apiRestartAllowed = true;
  #container: ContainerSpec | undefined;
  readonly #behaviour: ServiceProgram | undefined;

  constructor(
    readonly spec: ExtensionServiceSpec,
    private readonly host: ExtensionServiceHost,
  ) {
    this.id = `ext-${spec.name}`;
    this.#behaviour = host.behaviour === undefined ? undefined : declarativeProgram(host.behaviour);
  }

  get container(): ContainerSpec | undefined {
    return this.#container;
  }

  dependsOn(): readonly string[] {
    return ['containerd', ...(this.spec.depends ?? []).filter((d) => d.service !== '').map((d) => d.service)];
  }

  condition(): Condition | undefined {
    const { fs, clock, readiness } = this.host;
    const conds: Condition[] = [];
    const envFile = this.spec.container.environmentFile;
    if (envFile !== '') conds.push(new FileCondition(envFile, fs, clock));
    for (const dep of this.spec.depends ?? []) {
      if (dep.path !== '') conds.push(new FileCondition(dep.path, fs, clock));
      else if ((dep.network ?? []).length > 0)
        conds.push(new NetworkCondition(readiness, networkChecks(dep.network ?? [])));
      else if (dep.time) conds.push(new TimeSyncCondition(readiness));
      else if (dep.configuration) conds.push(new ConfigStatusCondition(this.spec.name, this.host.config));
    }
    return conds.length === 0 ? undefined : waitForAll(...conds);
  }

  /** Upstream mounts a read-write overlay on the service rootfs here; nothing in it can fail in the simulation. */
  async preFunc(): Promise<void> {}

  async postFunc(): Promise<void> {}

  async runner(): Promise<Runner | undefined> {
    const { fs } = this.host;
    for (const mount of this.spec.container.mounts ?? []) {
      try {
        fs.statSync(mount.source);
        continue;
      } catch (err) {
        if (!isNotExist(err)) throw ServiceError.failed(goFsErrorText(err, 'stat', mount.source));
      }
      try {
        fs.mkdirSync(mount.source, { recursive: true, mode: 0o700 });
      } catch (err) {
        throw ServiceError.failed(goFsErrorText(err, 'mkdir', mount.source));
      }
    }
    const env = this.#environmentFile();
    env.push(...(this.spec.container.environment ?? []));
    const config = await this.host.config?.getConfig(this.spec.name);
    env.push(...(config?.environment ?? []));
    const logToConsole = this.spec.logToConsole || this.host.debug();
    const container = extensionContainer({
      spec: this.spec,
      env: taskEnvironment(this.host.machineEnvironment(), env),
      mounts: extensionMounts(this.spec, config?.files ?? [], this.host.inContainer),
      release: this.host.release,
      logToConsole,
    });
    this.#container = container;
    const task = new TaskRunner({
      spec: container,
      clock: this.host.clock,
      fs,
      pids: this.host.pids,
      log: this.host.log,
      program: (hostPath, entrypoint) =>
        this.#behaviour ?? this.host.programs.find(hostPath, entrypoint, container.root.path) ?? defaultProgram,
      recordPids: this.host.release.servicePids,
      lastLogInError: this.host.release.lastLogInTaskError,
      ...(logToConsole && this.host.console !== undefined
        ? { console: (line: string) => this.host.console?.(this.id, line) }
        : {}),
    });
    return new RestartRunner(task, RESTART_TYPES[this.spec.restart] ?? 'Forever', this.host.clock);
  }

  /** The environment file's entries (parseEnvironment); errors read as upstream's. */
  #environmentFile(): string[] {
    const path = this.spec.container.environmentFile;
    if (path === '') return [];
    let text: string;
    try {
      text = this.host.fs.readFileSync(path, 'utf8');
    } catch (err) {
      throw ServiceError.failed(goFsErrorText(err, 'open', path));
    }
    try {
      return parseEnvFile(text);
    } catch (err) {
      throw ServiceError.failed(`failed to parse environment file ${goQuote(path)}: ${(err as Error).message}`);
    }
  }
}

function networkChecks(statuses: readonly number[]): NetworkCheck[] {
  return statuses.map((s) => NETWORK_CHECKS[s]).filter((c): c is NetworkCheck => c !== undefined);
}
