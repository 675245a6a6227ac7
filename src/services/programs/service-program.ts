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

/**
 * Programs keyed by entrypoint: its host path (`/usr/local/lib/containers/x/bin/x`), its path inside the container's
 * root (`/bin/x`), or the text of the spec (`./bin/x`).
 */
export class ProgramRegistry {
  readonly #programs = new Map<string, ServiceProgram>();

  register(entrypoint: string, program: ServiceProgram): void {
    this.#programs.set(entrypoint, program);
  }

  unregister(entrypoint: string): void {
    this.#programs.delete(entrypoint);
  }

  /**
   * The program for a resolved executable: by host path first, then by its path inside `root` (the container's root
   * directory on the host), then by the entrypoint as written.
   */
  find(hostPath: string, entrypoint: string, root?: string): ServiceProgram | undefined {
    const inside = root !== undefined && hostPath.startsWith(`${root}/`) ? hostPath.slice(root.length) : undefined;
    return (
      this.#programs.get(hostPath) ??
      (inside === undefined ? undefined : this.#programs.get(inside)) ??
      this.#programs.get(entrypoint)
    );
  }
}
