// A command that follows a kept cluster (`get -w`, `dmesg -f`, `logs -f`) holds a replay of its own once it has let go
// of the lock; other commands go on changing the cluster meanwhile, each appending to its journal. The follower sees
// them as a talosctl user sees another user's changes: it polls cluster.json (written by atomic renames, so it is
// read without the lock: each read is one whole journal) and carries out the entries appended since, at their
// journaled virtual times, on the cluster it follows. A cluster destroyed, or destroyed and created anew, ends it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SystemClock } from '../cosi/index.js';
import type { Cluster } from './cluster.js';
import { isKeptClusterError, KeptClusterError } from './kept-cluster-error.js';
import { replayEntry } from './kept-cluster-replay.js';
import type { KeptClusterState } from './kept-cluster-state.js';

export interface JournalFollowerOptions {
  readonly name: string;
  /** The cluster's directory, with cluster.json and the kept images. */
  readonly dir: string;
  readonly cluster: Cluster;
  /** Reads and checks cluster.json (KeptClusters.read). */
  readonly read: () => KeptClusterState;
  /** The state the follower's replay came from, and how many of its entries it holds. */
  readonly createdAt: number;
  readonly replayed: number;
  /** Whether the cluster's time follows wall time (else the follower moves it to an entry's time). */
  readonly followsWallTime: boolean;
  readonly signal: AbortSignal;
  /** How often cluster.json is looked at. Default 250 ms. */
  readonly pollMs?: number;
}

/** Waits `ms` of wall time, or less when `signal` aborts (the follower polls a file other processes write). */
const wallClock = new SystemClock();
const pause = (ms: number, signal: AbortSignal): Promise<void> => wallClock.sleep(ms, signal).catch(() => {});

/** What identifies one version of cluster.json: each write renames a new file into place. */
function version(file: string): string | undefined {
  try {
    const st = statSync(file, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return undefined;
  }
}

/**
 * Carries out the entries other commands append to the journal until `signal` aborts; rejects with a
 * KeptClusterError when the cluster is gone or replaced, or an entry does not replay.
 */
export async function followJournal(options: JournalFollowerOptions): Promise<void> {
  const { cluster, signal } = options;
  const file = join(options.dir, 'cluster.json');
  const pollMs = options.pollMs ?? 250;
  let next = options.replayed;
  let seen = version(file);
  while (!signal.aborted) {
    await pause(pollMs, signal);
    const now = version(file);
    if (signal.aborted || now === seen) continue;
    seen = now;
    let state: KeptClusterState;
    try {
      state = options.read();
    } catch (err) {
      if (isKeptClusterError(err) && err.kind === 'no-such-cluster') {
        throw new KeptClusterError({ kind: 'destroyed-while-followed', name: options.name, recreated: false });
      }
      throw err;
    }
    if (state.createdAt !== options.createdAt || state.journal.length < next) {
      throw new KeptClusterError({ kind: 'destroyed-while-followed', name: options.name, recreated: true });
    }
    for (; next < state.journal.length && !signal.aborted; next++) {
      const entry = state.journal[next];
      if (entry === undefined) break;
      // the entry's time: a follower whose time follows wall time is there already or soon; a pinned one moves to it
      if (options.followsWallTime) {
        while (cluster.clock.now() < entry.at && !signal.aborted) await pause(pollMs, signal);
      } else if (entry.at > cluster.clock.now()) {
        await cluster.advance(entry.at - cluster.clock.now());
      }
      if (signal.aborted) return;
      await replayEntry(cluster, options.name, options.dir, entry, next);
    }
  }
}
