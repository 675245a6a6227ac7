// What every `sim` command receives: where to write, where it runs, and its environment.
// Commands never touch process.* directly, so the whole CLI runs in-process in tests.
import type { Command } from 'commander';
import type { Clock, Cluster } from '../index.js';

/** Output sinks of one CLI invocation. Binary output (e.g. `sim squashfs cat`) passes bytes. */
export interface CliIo {
  /** false when stdout's buffer is full: a command writing much (`sim squashfs cat`) then waits for drain(). */
  stdout(chunk: string | Uint8Array): boolean | undefined;
  stderr(chunk: string): void;
  /** Resolves when stdout can take more after stdout() returned false. Absent: it always can. */
  drain?(): Promise<void>;
}

export interface CliContext {
  readonly io: CliIo;
  /** Directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Clock of the simulated nodes. Default: the system clock; tests pass a VirtualClock for stable timestamps. */
  readonly clock?: Clock;
  /** Aborts long-running commands (`get -w`) cleanly, as Ctrl-C does for talosctl. */
  readonly signal?: AbortSignal;
  /**
   * Where built boot assets are kept between invocations: `default` for the user's cache directory
   * ($XDG_CACHE_HOME/talos-sim), a directory, or nothing (tests: every invocation builds). `--no-cache` overrides.
   */
  readonly bootAssetCache?: 'default' | { readonly directory: string };
  /** A running cluster the node commands talk to instead of booting a scenario (`cluster.run`); left running. */
  readonly cluster?: Cluster;
  /** false: a command that follows until interrupted (`get -w`, `logs -f`, `dmesg -f`) fails at once. */
  readonly follow?: boolean;
  /** The largest cluster.json of a kept cluster. Default MAX_STATE_BYTES (64 MiB); tests pass less. */
  readonly keptStateBytes?: number;
}

/** A module that adds one top-level command (with its subcommands) to the program. */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;

/**
 * Thrown by command actions to end the invocation with a message on stderr and an exit code,
 * as talosctl does: the text plus a newline, exit status 1 unless said otherwise.
 */
export class CliExit extends Error {
  readonly exitCode: number;
  /** Lines already written to stderr by the command; `message` is printed only when not empty. */
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliExit';
    this.exitCode = exitCode;
  }
}

/**
 * Refuses a command that boots or keeps clusters of its own when it is run against a running one (a scenario's `run:`
 * step, `cluster.run`): a scenario running itself would never end, and kept clusters are the user's state.
 */
export function refuseInRunningCluster(ctx: CliContext, command: string): void {
  if (ctx.cluster !== undefined) {
    throw new CliExit(`${command} works on clusters of its own: it does not run against a running one`);
  }
}
