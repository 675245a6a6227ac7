// A simulated cluster: its nodes by address, on one clock they all share. The one surface the CLI, scenario scripts
// and embedders use; nothing outside it handles arrays of nodes. Boot is all-or-nothing.
import { type Clock, ClockRangeError, MAX_TIME_MS, VirtualClock } from '../cosi/index.js';
import { parseGoDuration } from '../gofmt/index.js';
import type { TalosNode } from '../node/index.js';
import { ClusterError } from './cluster-error.js';
import { canonicalNodeAddress } from './node-address.js';

/** What a `sim` command printed and its exit status. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface RunOptions {
  /** Environment the command sees. Default: none (the process's is not read). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths resolve against. Default: process.cwd(). */
  readonly cwd?: string;
  /** Ends watch modes (`get -w`), as Ctrl-C does. */
  readonly signal?: AbortSignal;
  /** Called with what the command prints on stdout as it prints it: a watch's output while it runs. */
  readonly onStdout?: (text: string) => void;
  /**
   * false: a command that would follow until interrupted (`get -w`, `logs -f`, `dmesg -f`) fails at once instead, as
   * a scenario's `run:` step does. Default true.
   */
  readonly follow?: boolean;
}

export class Cluster {
  /** The clock every node runs on (a VirtualClock unless another was given). */
  readonly clock: Clock;
  /** The nodes in scenario order. */
  readonly nodes: readonly TalosNode[];
  readonly #byAddress: ReadonlyMap<string, TalosNode>;
  readonly #byCanonical: Map<string, TalosNode>;
  /** Ends each followWallTime in progress (shutdown ends them, as it ends watches). */
  readonly #followers = new Set<() => void>();
  #shuttingDown = false;

  constructor(clock: Clock, nodes: readonly TalosNode[]) {
    this.clock = clock;
    this.nodes = nodes;
    this.#byAddress = new Map(nodes.map((n) => [n.address, n]));
    this.#byCanonical = new Map();
    for (const n of nodes) {
      const canonical = canonicalNodeAddress(n.address);
      if (!this.#byCanonical.has(canonical)) this.#byCanonical.set(canonical, n);
    }
  }

  /** The node with this address; a ClusterError (`unknown-node`) for any other. */
  node(address: string): TalosNode {
    // the address as given, else any spelling of it (`FD00:0::3` for fd00::3), as a scenario tells them apart
    const node =
      typeof address === 'string'
        ? (this.#byAddress.get(address) ?? this.#byCanonical.get(canonicalNodeAddress(address)))
        : undefined;
    if (node === undefined) {
      throw new ClusterError({
        kind: 'unknown-node',
        address: String(address),
        known: this.nodes.map((n) => n.address),
      });
    }
    return node;
  }

  /** The nodes with these addresses, in the order given (talosctl's `-n a,b`). */
  select(addresses: readonly string[]): TalosNode[] {
    return addresses.map((a) => this.node(a));
  }

  /** Boots every node that is not running, in order; if one fails, the others are shut down and the error names it. */
  async boot(): Promise<void> {
    const booted: TalosNode[] = [];
    for (const node of this.nodes) {
      if (node.phase === 'running') continue;
      try {
        await node.boot();
        booted.push(node);
      } catch (err) {
        for (const done of booted.reverse()) await done.shutdown();
        const cause = err instanceof Error ? err : new Error(String(err));
        throw new ClusterError({ kind: 'boot-failed', address: node.address, cause });
      }
    }
  }

  /** Waits until no node has work left that can proceed without time passing. */
  async settle(): Promise<void> {
    for (const node of this.nodes) await node.settle();
  }

  /** Moves virtual time forward (ms, or a Go duration such as `10s`), firing what falls due on every node. */
  async advance(duration: number | string): Promise<void> {
    const clock = this.clock;
    if (!(clock instanceof VirtualClock)) throw new ClusterError({ kind: 'not-virtual-time' });
    const ms = typeof duration === 'number' ? duration : parseGoDuration(duration);
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      throw new ClusterError({ kind: 'invalid-duration', input: String(duration) });
    }
    const beyond = () => new ClusterError({ kind: 'beyond-time-range', input: String(duration) });
    if (clock.now() + ms > MAX_TIME_MS) throw beyond();
    // an advance already running moves the clock first: the range is checked again from where it leaves it
    await clock.advance(ms).catch((err: unknown) => {
      // the clock's own refusal (it does not move then); a timer's RangeError passes through
      throw err instanceof ClockRangeError ? beyond() : err;
    });
    await this.settle();
  }

  /**
   * Lets virtual time follow wall time until `signal` aborts or the cluster shuts down: every `tickMs` of real time
   * the clock advances by the real time that passed, and the nodes settle (what `sim get -w` does, so ages grow as a
   * user expects). Keeps the process alive meanwhile. A cluster on another clock just waits for either.
   */
  followWallTime(signal: AbortSignal, tickMs = 100): Promise<void> {
    return new Promise((resolve) => {
      // a cluster shutting down, or shut down, has nothing to follow (as a watch on a stopped node ends at once)
      if (signal.aborted || this.#shuttingDown || this.nodes.every((n) => n.phase === 'stopped')) {
        resolve();
        return;
      }
      const clock = this.clock;
      let last = Date.now();
      let busy = false;
      // an advance that failed (the end of a Date's range) stops time following; the interval stays, keeping the
      // process alive until the signal, as a follower expects
      let stopped = false;
      const timer = setInterval(() => {
        if (busy || stopped || !(clock instanceof VirtualClock)) return;
        busy = true;
        const now = Date.now();
        const elapsed = Math.max(0, now - last);
        last = now;
        this.advance(elapsed).then(
          () => {
            busy = false;
          },
          () => {
            stopped = true;
          },
        );
      }, tickMs);
      const end = () => {
        clearInterval(timer);
        signal.removeEventListener('abort', end);
        this.#followers.delete(end);
        resolve();
      };
      this.#followers.add(end);
      signal.addEventListener('abort', end, { once: true });
    });
  }

  /**
   * Runs a `sim` command in-process against this cluster (which stays running): what it prints is what the
   * executable prints, byte for byte. The CLI is loaded on first use; the rest of the library never imports it.
   */
  async run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const { runCli } = await import('../cli/main.js');
    let stdout = '';
    let stderr = '';
    const exitCode = await runCli(argv, {
      io: {
        stdout: (chunk) => {
          const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
          stdout += text;
          options.onStdout?.(text);
        },
        stderr: (chunk) => {
          stderr += chunk;
        },
      },
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? {},
      clock: this.clock,
      cluster: this,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.follow === false ? { follow: false } : {}),
    });
    return { stdout, stderr, exitCode };
  }

  /** Shuts every node down (last first). Safe to call more than once. */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true;
    try {
      for (const end of [...this.#followers]) end();
      for (const node of [...this.nodes].reverse()) await node.shutdown();
    } finally {
      this.#shuttingDown = false;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}
