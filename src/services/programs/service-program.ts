// What a simulated task runs: a program registered for an entrypoint, given what the real process would see
// (arguments, environment, mounts, its container spec), a log to write to, the clock and a SIGTERM signal. It
// resolves with its exit code (nothing = 0); throwing is a crash (the error is logged, exit code 1).
import type { Clock } from '../../cosi/index.js';
import type { ContainerSpec } from '../runner/container-spec.js';
import type { ServiceFs } from '../service-fs.js';

export interface ServiceProgramContext {
  /** `ext-<name>`. */
  readonly serviceId: string;
  readonly pid: number;
  /** `[entrypoint, ...args]` as the process receives them. */
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly container: ContainerSpec;
  /** The node's filesystem (host paths). */
  readonly fs: ServiceFs;
  readonly clock: Clock;
  /** Aborts (reason `SIGTERM`) when the service is asked to stop; SIGKILL follows 10 s later. */
  readonly signal: AbortSignal;
  /**
   * Aborts (reason `SIGKILL`) when the task is killed: the process is gone, so a program that ignored SIGTERM must
   * end here (clear its timers); nothing it does afterwards is seen.
   */
  readonly killed: AbortSignal;
  /** Writes one line to the service's log (dropped once the task is killed). */
  log(line: string): void;
}

export type ServiceProgram = (ctx: ServiceProgramContext) => Promise<number | undefined> | number | undefined;

/** Programs keyed by entrypoint: its host path (`/usr/local/lib/containers/x/bin`) or the text of the spec. */
export class ProgramRegistry {
  readonly #programs = new Map<string, ServiceProgram>();

  register(entrypoint: string, program: ServiceProgram): void {
    this.#programs.set(entrypoint, program);
  }

  unregister(entrypoint: string): void {
    this.#programs.delete(entrypoint);
  }

  /** The program for a resolved executable: by host path first, then by the entrypoint as written. */
  find(hostPath: string, entrypoint: string): ServiceProgram | undefined {
    return this.#programs.get(hostPath) ?? this.#programs.get(entrypoint);
  }
}
