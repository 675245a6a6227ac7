// A cluster that lives between CLI commands, as talosctl users work against a running cluster. The simulation is
// deterministic, so the cluster is kept as what made it: the scenario, and a journal of the operations done to it
// with their virtual times. Each command takes the cluster's lock, boots the scenario (boot assets come from the
// cache), replays the journal, lets virtual time catch up (following wall time since creation, unless the clock
// was pinned), runs, and appends what it changed. State lives in `$XDG_STATE_HOME/talos-sim/clusters/<name>`,
// written atomically; a lock file serialises concurrent commands.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { DetailedError } from '../extensions/detailed-error.js';
import { classifyImageArgument } from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';
import { isNodeLifecycleError } from '../node/index.js';
import { createTargetDirectory, isSafeFsError, readRegularFile, writeFileInside } from '../safe-fs/index.js';
import type { Cluster } from './cluster.js';
import { isClusterError } from './cluster-error.js';
import { applyOperation, type ClusterOperation, type OperationResult } from './cluster-operation.js';
import { type ClusterOptions, clusterFromPlan, readScenario } from './create-cluster.js';
import { stateProblem } from './kept-cluster-state.js';
import { acquireLock, type HeldLock } from './state-lock.js';

/** An operation done to a kept cluster at a virtual time, replayed by every later command. */
export interface JournalEntry {
  readonly at: number;
  /** Extensions, if any, are strings: references or absolute paths (so the journal is JSON). */
  readonly operation: ClusterOperation;
  /** It failed, perhaps after part of its work (an upgrade whose new boot failed): replayed, its error ignored. */
  readonly failed?: true;
}

/** What a command gets while it holds a kept cluster. */
export interface KeptSession {
  readonly cluster: Cluster;
  /** Carries out an operation and journals it (failed or not). */
  record(operation: ClusterOperation): Promise<OperationResult>;
  /** Whether the cluster's virtual time follows wall time (its clock is not pinned). */
  readonly followsWallTime: boolean;
  /**
   * Writes the journal and lets go of the cluster's lock, so other commands can use it meanwhile: what a command that
   * follows until Ctrl-C does once it changes nothing more. Later calls to record() fail.
   */
  detach(): void;
}

export interface KeptClusterState {
  readonly format: 1;
  readonly name: string;
  /** The scenario's YAML text, and where its relative paths resolve. */
  readonly scenario: { readonly text: string; readonly baseDir: string; readonly file: string };
  /** Wall time of `sim cluster create`. */
  readonly createdAt: number;
  /** Virtual time at boot; `follow`: virtual time advances with wall time between commands. */
  readonly clock: { readonly start: number; readonly follow: boolean };
  readonly journal: readonly JournalEntry[];
}

export type KeptClusterErrorDetail =
  | { readonly kind: 'no-such-cluster'; readonly name: string }
  | { readonly kind: 'cluster-exists'; readonly name: string }
  | { readonly kind: 'invalid-name'; readonly name: string }
  | { readonly kind: 'busy'; readonly name: string }
  | { readonly kind: 'corrupt-state'; readonly name: string; readonly reason: string };

function message(d: KeptClusterErrorDetail): string {
  switch (d.kind) {
    case 'no-such-cluster':
      return `cluster ${goQuote(d.name)} does not exist (create it with: sim cluster create --name ${d.name})`;
    case 'cluster-exists':
      return `cluster ${goQuote(d.name)} already exists (destroy it with: sim cluster destroy --name ${d.name})`;
    case 'invalid-name':
      return `invalid cluster name ${goQuote(d.name)}: use up to 63 letters, digits, '-', '_' and '.' (not starting with '.')`;
    case 'busy':
      return `cluster ${goQuote(d.name)} is busy: another sim command holds its lock`;
    case 'corrupt-state':
      return `the state of cluster ${goQuote(d.name)} cannot be read: ${d.reason}`;
  }
}

export class KeptClusterError extends DetailedError<KeptClusterErrorDetail> {
  constructor(detail: KeptClusterErrorDetail) {
    super('KeptClusterError', detail, message(detail));
  }
}

export function isKeptClusterError(err: unknown): err is KeptClusterError {
  return err instanceof KeptClusterError;
}

/** `$XDG_STATE_HOME/talos-sim/clusters` (default `~/.local/state/talos-sim/clusters`). */
export function clustersDirectory(env: Readonly<Record<string, string | undefined>>): string {
  // a relative path is ignored, as the XDG Base Directory spec says
  const xdg = env.XDG_STATE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'state');
  return join(base, 'talos-sim', 'clusters');
}

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,62}$/;
/** A kept cluster's state: the scenario text and the journal (the scenario itself is bounded far below this). */
const MAX_STATE_BYTES = 64 * 1024 * 1024;

export class KeptClusters {
  constructor(readonly directory: string) {}

  #dir(name: string): string {
    if (!NAME.test(name)) throw new KeptClusterError({ kind: 'invalid-name', name });
    return join(this.directory, name);
  }

  /** Creates a cluster from a scenario (checked by reading it); refuses an existing name. */
  create(
    name: string,
    scenario: KeptClusterState['scenario'],
    clock: KeptClusterState['clock'],
    now: number,
  ): KeptClusterState {
    const dir = this.#dir(name);
    createTargetDirectory(this.directory, { mode: 0o700 });
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw new KeptClusterError({ kind: 'cluster-exists', name });
      throw err;
    }
    const state: KeptClusterState = { format: 1, name, scenario, createdAt: now, clock, journal: [] };
    this.#write(dir, state);
    return state;
  }

  read(name: string): KeptClusterState {
    const dir = this.#dir(name);
    let text: string;
    try {
      text = Buffer.from(
        readRegularFile(join(dir, 'cluster.json'), { maxBytes: MAX_STATE_BYTES, followSymlinks: false }),
      ).toString('utf8');
    } catch (err) {
      if (isSafeFsError(err) && err.kind !== 'not-found') {
        throw new KeptClusterError({ kind: 'corrupt-state', name, reason: err.message });
      }
      throw new KeptClusterError({ kind: 'no-such-cluster', name });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // (V8's own text differs between Node releases)
      throw new KeptClusterError({ kind: 'corrupt-state', name, reason: 'cluster.json is not valid JSON' });
    }
    const problem = stateProblem(parsed, name);
    if (problem !== undefined) throw new KeptClusterError({ kind: 'corrupt-state', name, reason: problem });
    return parsed as KeptClusterState;
  }

  /** read(), except that a cluster whose state cannot be read is still there (it can be destroyed). */
  #exists(name: string): void {
    try {
      this.read(name);
    } catch (err) {
      if (!isKeptClusterError(err) || err.detail.kind !== 'corrupt-state') throw err;
    }
  }

  /**
   * Removes the cluster once no command holds it, also when its state cannot be read. Its directory is renamed away
   * (to a name no cluster can have) before it is deleted, so a command waiting for the lock finds no such cluster,
   * never a half-deleted one.
   */
  async destroy(name: string): Promise<void> {
    const dir = this.#dir(name);
    this.#exists(name);
    const lock = await this.#lock(name, dir);
    const doomed = join(this.directory, `.destroying-${name}-${randomBytes(4).toString('hex')}`);
    try {
      this.#exists(name);
      renameSync(dir, doomed);
    } finally {
      lock.release();
    }
    rmSync(doomed, { recursive: true, force: true });
  }

  /** Takes the cluster's lock: busy if another command keeps it, no such cluster if it was destroyed meanwhile. */
  async #lock(name: string, dir: string): Promise<HeldLock> {
    let lock: HeldLock | undefined;
    try {
      lock = await acquireLock(join(dir, 'lock'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new KeptClusterError({ kind: 'no-such-cluster', name });
      throw err;
    }
    if (lock === undefined) throw new KeptClusterError({ kind: 'busy', name });
    return lock;
  }

  /**
   * Runs `work` with the cluster booted and caught up to `now` (wall ms), holding the cluster's lock; `record`
   * appends the operations the work did to the journal.
   */
  async use<T>(
    name: string,
    now: () => number,
    options: ClusterOptions,
    work: (session: KeptSession) => Promise<T>,
  ): Promise<T> {
    const dir = this.#dir(name);
    this.read(name);
    const lock = await this.#lock(name, dir);
    let state: KeptClusterState | undefined;
    let journal: JournalEntry[] | undefined;
    let detached = false;
    // writes what the command did, even when it failed: what it did on the nodes where it succeeded happened (an
    // upgrade of two nodes, one of them refused, upgraded the other), and so did a failed operation's part
    const detach = (): void => {
      if (detached) return;
      detached = true;
      try {
        if (state !== undefined && journal !== undefined && journal.length !== state.journal.length) {
          this.#write(dir, { ...state, journal });
        }
      } finally {
        lock.release();
      }
    };
    try {
      state = this.read(name);
      const { plan, catalog } = readScenario(state.scenario.text, {
        ...options,
        cwd: state.scenario.baseDir,
        file: state.scenario.file,
      });
      await using cluster = await clusterFromPlan(plan, catalog, { ...options, startTime: state.clock.start });
      let at = state.clock.start;
      const advanceTo = async (time: number) => {
        if (time > at) await cluster.advance(time - at);
        at = Math.max(at, time);
      };
      for (const entry of state.journal) {
        await advanceTo(entry.at);
        // an operation that failed did so deterministically: it fails again, having done the same part
        if (entry.failed === true) await applyOperation(cluster, pinnedOperation(entry.operation)).catch(() => {});
        else await applyOperation(cluster, pinnedOperation(entry.operation));
      }
      const last = state.journal.at(-1)?.at ?? state.clock.start;
      await advanceTo(state.clock.follow ? state.clock.start + Math.max(0, now() - state.createdAt) : last);
      const entries: JournalEntry[] = [...state.journal];
      journal = entries;
      return await work({
        cluster,
        followsWallTime: state.clock.follow,
        detach,
        record: async (operation) => {
          if (detached) throw letGo();
          try {
            const answer = await applyOperation(cluster, pinnedOperation(operation));
            // let go while it ran: the journal is written and the lock is another's, so it cannot be recorded
            if (detached) throw letGo();
            entries.push({ at, operation });
            return answer;
          } catch (err) {
            if (!detached && changedBeforeFailing(err)) entries.push({ at, operation, failed: true });
            throw err;
          }
        },
      });
    } finally {
      detach();
    }
  }

  #write(dir: string, state: KeptClusterState): void {
    writeFileInside(dir, 'cluster.json', `${JSON.stringify(state, null, 2)}\n`, {
      replace: 'atomic',
      mode: 0o600,
      durable: true,
    });
  }
}

/** An extension argument as the journal keeps it: a reference, or a path made absolute against `cwd`. */
export function journalExtension(arg: string, cwd: string): string {
  const named = classifyImageArgument(arg, cwd);
  return named.kind === 'path' ? named.path : named.reference;
}

/**
 * A journaled operation as it is carried out: the references among its extensions are pinned (`{ reference }`).
 * journalExtension already told paths from references where the command ran; the installer would look a string up
 * as a path again, in the scenario's directory, where a directory of that name would replace the image.
 */
export function pinnedOperation(operation: ClusterOperation): ClusterOperation {
  if (operation.kind !== 'upgrade' || operation.extensions === undefined) return operation;
  return {
    ...operation,
    extensions: operation.extensions.map((e) => (typeof e === 'string' && !isAbsolute(e) ? { reference: e } : e)),
  };
}

/** The scenario a kept cluster is made from: a file's text and directory. */
export function scenarioSource(file: string, cwd: string, text: string): KeptClusterState['scenario'] {
  const path = resolve(cwd, file);
  return { text, baseDir: resolve(path, '..'), file };
}

const letGo = (): Error => new Error('a kept cluster records nothing once its command has let go of it');

/**
 * Whether an operation's error says it had begun to change the cluster: a node operation that failed or was aborted
 * midway (an upgrade whose new boot failed leaves the node stopped), or one that let time run out. A refusal (an
 * invalid config, a build that failed before the node went down) changed nothing and is not journaled.
 */
function changedBeforeFailing(err: unknown): boolean {
  if (isNodeLifecycleError(err)) return err.detail.kind !== 'invalid-phase';
  return isClusterError(err) && err.detail.kind === 'operation-timeout';
}
