// A service's behaviour described as data (for scenarios): log lines at start, failing the first runs, waiting
// for a path, running for a while and exiting with a code, or running until stopped. The run count survives
// restarts, so "fail 2 times then succeed" plays out across the restart policy's retries.
import type { ServiceProgram, ServiceProgramContext } from './service-program.js';

export interface DeclarativeBehaviour {
  /** Lines logged at every start. */
  readonly logs?: readonly string[];
  /** The first N runs fail: they exit with `failExitCode` after `runFor` (or at once). */
  readonly failTimes?: number;
  /** Default 1. */
  readonly failExitCode?: number;
  /** A successful run first waits for this path on the node (checked every second). */
  readonly waitForPath?: string;
  /** A successful run exits after this many milliseconds; absent: runs until stopped. */
  readonly runFor?: number;
  /** Exit code of a run that ends by itself. Default 0. */
  readonly exitCode?: number;
  /** Lines logged when SIGTERM arrives. */
  readonly stopLogs?: readonly string[];
  /** Keeps running after SIGTERM, so the supervisor has to SIGKILL it after 10 s. */
  readonly ignoreSigterm?: boolean;
}

/** How often `waitForPath` looks. */
const PATH_POLL_MS = 1000;

/** Sleeps; false when SIGTERM ended the sleep (unless the behaviour ignores it). */
async function sleep(ctx: ServiceProgramContext, ms: number, ignoreSigterm: boolean): Promise<boolean> {
  if (ignoreSigterm) {
    try {
      await ctx.clock.sleep(ms, ctx.killed);
      return true;
    } catch {
      return false;
    }
  }
  try {
    await ctx.clock.sleep(ms, ctx.signal);
    return true;
  } catch {
    return false;
  }
}

function exists(ctx: ServiceProgramContext, path: string): boolean {
  try {
    ctx.fs.statSync(path);
    return true;
  } catch {
    // Go's os.Stat failing for any reason means "not there yet" to a polling program
    return false;
  }
}

/** A program playing the behaviour; one instance per service (it counts the runs). */
export function declarativeProgram(behaviour: DeclarativeBehaviour): ServiceProgram {
  let runs = 0;
  const ignore = behaviour.ignoreSigterm ?? false;
  return async (ctx) => {
    runs++;
    ctx.signal.addEventListener('abort', () => {
      for (const line of behaviour.stopLogs ?? []) ctx.log(line);
    });
    for (const line of behaviour.logs ?? []) ctx.log(line);
    if (runs <= (behaviour.failTimes ?? 0)) {
      if (behaviour.runFor !== undefined && !(await sleep(ctx, behaviour.runFor, ignore))) return 0;
      return behaviour.failExitCode ?? 1;
    }
    if (behaviour.waitForPath !== undefined) {
      while (!exists(ctx, behaviour.waitForPath)) {
        if (!(await sleep(ctx, PATH_POLL_MS, ignore))) return 0;
      }
    }
    if (behaviour.runFor !== undefined) {
      return (await sleep(ctx, behaviour.runFor, ignore)) ? (behaviour.exitCode ?? 0) : 0;
    }
    if (ignore) {
      // runs until killed
      await new Promise<void>((resolve) => {
        if (ctx.killed.aborted) resolve();
        else ctx.killed.addEventListener('abort', () => resolve(), { once: true });
      });
      return 0;
    }
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return 0;
  };
}

/** Without a program or behaviour: say so in the log and run until stopped. */
export const defaultProgram: ServiceProgram = async (ctx) => {
  ctx.log(`${ctx.argv.join(' ')}: started (simulated; no program is registered for this entrypoint)`);
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  return 0;
};
