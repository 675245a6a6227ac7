// A cluster that lives between CLI commands, as talosctl users work against a running cluster. The simulation is
// deterministic, so the cluster is kept as what made it: the scenario, and a journal of the operations done to it
// with their virtual times (and the images they read from paths, kept beside it). Each command takes the cluster's
// lock, boots the scenario (boot assets come from the cache), replays the journal, lets virtual time catch up
// (following wall time since creation, unless the clock was pinned), runs, and appends what it changed. State lives
// in `$XDG_STATE_HOME/talos-sim/clusters/<name>`, written atomically; a lock file serialises concurrent commands.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { isNodeLifecycleError } from '../node/index.js';
import { createTargetDirectory, isSafeFsError, readRegularFile, writeFileInside } from '../safe-fs/index.js';
import type { Cluster } from './cluster.js';
import { isClusterError } from './cluster-error.js';
import { applyOperation, type ClusterOperation, type OperationResult } from './cluster-operation.js';
import { type ClusterOptions, clusterFromPlan, readScenario } from './create-cluster.js';
import { isKeptClusterError, KeptClusterError } from './kept-cluster-error.js';
import { prepareOperation, replayEntry } from './kept-cluster-replay.js';
import {
  type JournalEntry,
  type KeptClusterState,
  MAX_STATE_BYTES,
  stateProblem,
  stateText,
} from './kept-cluster-state.js';
import { followJournal } from './kept-journal-follower.js';
import { sweepStaging } from './kept-staging.js';
import { acquireLock, type HeldLock } from './state-lock.js';

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
  /**
   * Once detached: carries out the operations other commands journal meanwhile, at their times, until `signal`
   * aborts (kept-journal-follower.ts); rejects when the cluster goes away or an entry does not replay.
   */
  followJournal(signal: AbortSignal): Promise<void>;
}

/** `$XDG_STATE_HOME/talos-sim/clusters` (default `~/.local/state/talos-sim/clusters`). */
export function clustersDirectory(env: Readonly<Record<string, string | undefined>>): string {
  // a relative path is ignored, as the XDG Base Directory spec says
  const xdg = env.XDG_STATE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'state');
  return join(base, 'talos-sim', 'clusters');
}

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,62}$/;
const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

export interface KeptClustersOptions {
  /** The largest cluster.json read or written (an operation that would grow it past this is refused). Default MAX_STATE_BYTES. */
  readonly maxStateBytes?: number;
}

export class KeptClusters {
  readonly maxStateBytes: number;

  constructor(
    readonly directory: string,
    options: KeptClustersOptions = {},
  ) {
    this.maxStateBytes = options.maxStateBytes ?? MAX_STATE_BYTES;
  }

  #dir(name: string): string {
    if (!NAME.test(name)) throw new KeptClusterError({ kind: 'invalid-name', name });
    return join(this.directory, name);
  }

  /** Whether the cluster's directory exists: it is the cluster, whether or not its state can be read. */
  #present(dir: string): boolean {
    try {
      lstatSync(dir);
      return true;
    } catch (err) {
      if (code(err) === 'ENOENT') return false;
      throw err;
    }
  }

  /**
   * Creates a cluster from a scenario (checked by reading it); refuses an existing name. The state is written into a
   * directory of its own, renamed into place once complete: a create that fails or is killed leaves no cluster.
   */
  create(
    name: string,
    scenario: KeptClusterState['scenario'],
    clock: KeptClusterState['clock'],
    now: number,
  ): KeptClusterState {
    const dir = this.#dir(name);
    createTargetDirectory(this.directory, { mode: 0o700 });
    sweepStaging(this.directory);
    if (this.#present(dir)) throw new KeptClusterError({ kind: 'cluster-exists', name });
    const state: KeptClusterState = { format: 1, name, scenario, createdAt: now, clock, journal: [] };
    // a state no command could read is never written (only a limit below the scenario's size can get here)
    const bytes = Buffer.byteLength(stateText(state));
    if (bytes > this.maxStateBytes) {
      const cause = new Error(`its cluster.json would be ${bytes} bytes, over its limit of ${this.maxStateBytes}`);
      throw new KeptClusterError({ kind: 'create-failed', name, cause });
    }
    // a name no cluster can have (it starts with a dot)
    const staging = join(this.directory, `.creating-${name}-${randomBytes(4).toString('hex')}`);
    mkdirSync(staging, { mode: 0o700 });
    try {
      this.#write(staging, state);
      // rename(2) would replace an empty directory made meanwhile: looked at once more, just before
      if (this.#present(dir)) throw new KeptClusterError({ kind: 'cluster-exists', name });
      renameSync(staging, dir);
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      if (isKeptClusterError(err)) throw err;
      if (['EEXIST', 'ENOTEMPTY'].includes(code(err) ?? ''))
        throw new KeptClusterError({ kind: 'cluster-exists', name });
      throw new KeptClusterError({ kind: 'create-failed', name, cause: err as Error });
    }
    return state;
  }

  read(name: string): KeptClusterState {
    const dir = this.#dir(name);
    let text: string;
    try {
      text = Buffer.from(
        readRegularFile(join(dir, 'cluster.json'), { maxBytes: this.maxStateBytes, followSymlinks: false }),
      ).toString('utf8');
    } catch (err) {
      if (isSafeFsError(err) && err.kind !== 'not-found') {
        throw new KeptClusterError({ kind: 'corrupt-state', name, reason: err.message });
      }
      // a directory without its state (left by a sim that died creating it, or emptied by hand) is a cluster still
      if (this.#present(dir))
        throw new KeptClusterError({ kind: 'corrupt-state', name, reason: 'cluster.json is missing' });
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

  /**
   * Removes the cluster once no command holds it, also when its state cannot be read or is missing. Its directory
   * is renamed away (to a name no cluster can have) before it is deleted, so a command waiting for the lock finds no
   * such cluster, never a half-deleted one.
   */
  async destroy(name: string): Promise<void> {
    const dir = this.#dir(name);
    sweepStaging(this.directory);
    if (!this.#present(dir)) throw new KeptClusterError({ kind: 'no-such-cluster', name });
    const lock = await this.#lock(name, dir);
    const doomed = join(this.directory, `.destroying-${name}-${randomBytes(4).toString('hex')}`);
    try {
      renameSync(dir, doomed);
    } catch (err) {
      if (code(err) === 'ENOENT') throw new KeptClusterError({ kind: 'no-such-cluster', name });
      throw err;
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
      if (code(err) === 'ENOENT') throw new KeptClusterError({ kind: 'no-such-cluster', name });
      throw err;
    }
    if (lock === undefined) throw new KeptClusterError({ kind: 'busy', name });
    return lock;
  }

  /**
   * Runs `work` with the cluster booted and caught up to `now` (wall ms), holding the cluster's lock; `record`
   * appends the operations the work did to the journal. `signal` ends a long replay between its entries
   * (KeptClusterError `interrupted`, before `work` runs).
   */
  async use<T>(
    name: string,
    now: () => number,
    options: ClusterOptions,
    work: (session: KeptSession) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const interrupted = () => {
      if (signal?.aborted === true) throw new KeptClusterError({ kind: 'interrupted', name });
    };
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
        if (state !== undefined) dropUnusedImages(dir, journal ?? state.journal);
      } finally {
        lock.release();
      }
    };
    try {
      const kept = this.read(name);
      state = kept;
      const cluster = await bootKept(kept, options);
      await using _shutdown = cluster;
      interrupted();
      let at = kept.clock.start;
      const advanceTo = async (time: number) => {
        if (time > at) await cluster.advance(time - at);
        at = Math.max(at, time);
      };
      for (const [index, entry] of kept.journal.entries()) {
        await advanceTo(entry.at);
        await replayEntry(cluster, name, dir, entry, index);
        interrupted();
      }
      const last = kept.journal.at(-1)?.at ?? kept.clock.start;
      await advanceTo(kept.clock.follow ? kept.clock.start + Math.max(0, now() - kept.createdAt) : last);
      const entries: JournalEntry[] = [...kept.journal];
      journal = entries;
      return await work({
        cluster,
        followsWallTime: kept.clock.follow,
        detach,
        followJournal: (followed) => {
          if (!detached) return Promise.reject(new Error('a kept cluster is followed once its command let go of it'));
          return followJournal({
            name,
            dir,
            cluster,
            read: () => this.read(name),
            createdAt: kept.createdAt,
            replayed: entries.length,
            followsWallTime: kept.clock.follow,
            signal: followed,
          });
        },
        record: async (operation) => {
          if (detached) throw letGo();
          const prepared = prepareOperation(dir, kept, entries, operation, at, this.maxStateBytes);
          try {
            const answer = await applyOperation(cluster, prepared.operation);
            // let go while it ran: the journal is written and the lock is another's, so it cannot be recorded
            if (detached) throw letGo();
            entries.push(prepared.entry(false));
            return answer;
          } catch (err) {
            if (!detached && changedBeforeFailing(err)) entries.push(prepared.entry(true));
            throw err;
          }
        },
      });
    } finally {
      detach();
    }
  }

  #write(dir: string, state: KeptClusterState): void {
    writeFileInside(dir, 'cluster.json', stateText(state), { replace: 'atomic', mode: 0o600, durable: true });
  }
}

/** Boots a kept cluster's scenario; a scenario that no longer boots is the stored state's fault. */
async function bootKept(state: KeptClusterState, options: ClusterOptions): Promise<Cluster> {
  try {
    const { plan, catalog } = readScenario(state.scenario.text, {
      ...options,
      cwd: state.scenario.baseDir,
      file: state.scenario.file,
    });
    return await clusterFromPlan(plan, catalog, { ...options, startTime: state.clock.start });
  } catch (err) {
    throw new KeptClusterError({ kind: 'replay-failed', name: state.name, where: 'scenario', cause: err as Error });
  }
}

/** Removes the kept images no journal entry names (kept for an operation that was refused, or never journaled). */
function dropUnusedImages(dir: string, journal: readonly JournalEntry[]): void {
  const used = new Set(journal.flatMap((e) => Object.values(e.images ?? {}).map((d) => d.slice('sha256:'.length))));
  let names: string[];
  try {
    names = readdirSync(join(dir, 'images'));
  } catch {
    return;
  }
  // best effort: only what keepImage writes (a file named by a digest), and a failure never fails the command
  for (const file of names) {
    if (used.has(file) || !/^[0-9a-f]{64}$/.test(file)) continue;
    try {
      if (lstatSync(join(dir, 'images', file)).isFile()) rmSync(join(dir, 'images', file), { force: true });
    } catch {
      // left for the next command
    }
  }
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
