// runner/containerd, simulated: creates the task (the entrypoint must resolve inside the container root, as runc
// requires), reports `Started task …` with a PID from the injected source, records the PID, runs the program, and
// on stop sends SIGTERM, then SIGKILL after 10 s. A non-zero exit fails the run with the last log lines (v1.12+).
import type { Clock } from '../../cosi/index.js';
import { goQuote } from '../../gofmt/index.js';
import { ABANDONED, ABORTED, raceAbort, settle } from '../abortable.js';
import type { ServiceProgram, ServiceProgramContext } from '../programs/service-program.js';
import { errorText, ServiceError } from '../service-error.js';
import type { ServiceFs } from '../service-fs.js';
import { LastLog, type ServiceLog } from '../service-log.js';
import type { ContainerSpec } from './container-spec.js';
import { lookupExecutable } from './executable.js';
import type { PidSource } from './pid-source.js';
import type { EventSink, PidRecorder, Runner } from './runner.js';

/** runner.DefaultOptions().GracefulShutdownTimeout. */
export const GRACEFUL_SHUTDOWN_TIMEOUT_MS = 10_000;

export interface TaskRunnerOptions {
  readonly spec: ContainerSpec;
  readonly clock: Clock;
  readonly fs: ServiceFs;
  readonly pids: PidSource;
  readonly log: ServiceLog;
  /** The program for the resolved executable (host path, entrypoint as written). */
  readonly program: (hostPath: string, entrypoint: string) => ServiceProgram;
  /** Record PIDs (ServicePID resources exist from v1.13.0-beta.1). */
  readonly recordPids: boolean;
  /** Append ` (last log "…")` to exit-code failures (v1.12+). */
  readonly lastLogInError: boolean;
  /** Also write output here (logToConsole / machine debug). */
  readonly console?: (line: string) => void;
}

export class TaskRunner implements Runner {
  #stop = new AbortController();
  #stopped: Promise<void> = Promise.resolve();

  constructor(private readonly opts: TaskRunnerOptions) {}

  async open(): Promise<void> {}

  async close(): Promise<void> {}

  run(sink: EventSink, recordPid: PidRecorder): Promise<void> {
    const done = this.#run(sink, recordPid, this.#stop.signal);
    this.#stopped = done.then(
      () => {},
      () => {},
    );
    return done;
  }

  /** Go's Stop: ask the running task to end, wait for it, and be ready for another run. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#stopped;
    this.#stop = new AbortController();
  }

  toString(): string {
    return `Containerd(${this.opts.spec.id})`;
  }

  async #run(sink: EventSink, recordPid: PidRecorder, stop: AbortSignal): Promise<void> {
    const { spec, clock } = this.opts;
    const id = spec.id;
    const entrypoint = spec.processArgs[0] ?? '';
    const exec = lookupExecutable(this.opts.fs, spec.root.path, entrypoint, spec.env, spec.mounts);
    if (!exec.ok) {
      throw ServiceError.failed(
        `failed to create task: ${goQuote(id)}: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${exec.error}: unknown`,
      );
    }
    const pid = this.opts.pids.next();
    sink('Running', `Started task ${id} (PID ${pid}) for container ${id}`);
    if (this.opts.recordPids) {
      try {
        await recordPid(id, pid, false);
      } catch (err) {
        throw ServiceError.failed(`failed to record pid for task ${goQuote(id)}: ${errorText(err)}`);
      }
    }
    const lastLog = new LastLog();
    let killed = false;
    const term = new AbortController();
    const kill = new AbortController();
    const ctx: ServiceProgramContext = {
      serviceId: id,
      pid,
      argv: spec.processArgs,
      env: spec.env,
      container: spec,
      fs: this.opts.fs,
      clock,
      signal: term.signal,
      killed: kill.signal,
      log: (line) => {
        if (killed) return;
        this.opts.log.write({ time: clock.now(), text: line });
        lastLog.write(Buffer.from(`${line}\n`, 'utf8'));
        this.opts.console?.(line);
      },
    };
    const program = this.opts.program(exec.hostPath, entrypoint);
    const exit = settle(Promise.resolve().then(() => program(ctx))).then((r) => {
      if (r.ok) return r.value ?? 0;
      ctx.log(errorText(r.error));
      return 1;
    });
    try {
      const first = await raceAbort(exit, stop);
      if (first !== ABORTED) {
        if (first !== 0) {
          const suffix = this.opts.lastLogInError ? ` (last log ${goQuote(lastLog.text)})` : '';
          throw ServiceError.failed(`task ${goQuote(id)} failed: exit code ${first}${suffix}`);
        }
        return;
      }
      sink('Stopping', `Sending SIGTERM to task ${id} (PID ${pid}, container ${id})`);
      term.abort('SIGTERM');
      const grace = new AbortController();
      const timedOut = clock.sleep(GRACEFUL_SHUTDOWN_TIMEOUT_MS, grace.signal).then(
        () => true,
        () => false,
      );
      const killNeeded = await Promise.race([exit.then(() => false), timedOut]);
      grace.abort(ABANDONED);
      if (killNeeded) {
        sink('Stopping', `Sending SIGKILL to task ${id} (PID ${pid}, container ${id})`);
        killed = true;
        kill.abort('SIGKILL');
      }
    } finally {
      if (this.opts.recordPids) await recordPid(id, pid, true).catch(() => {});
    }
  }
}
