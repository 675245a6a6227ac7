// Letting a freshly booted cluster settle in virtual time before a command answers: services wait on conditions
// polled every simulated second and back off for 5 s, so right after boot a node is not yet what a user who ran
// `talosctl services` a minute later would see. runUntilQuiet moves virtual time a step at a time until nothing
// has changed (no service event, no resource event) for a quiet period, or a limit is reached.
import type { Subscription } from 'rxjs';
import { VirtualClock } from '../cosi/index.js';
import type { TalosNode } from '../node/index.js';
import type { Cluster } from './cluster.js';
import { ClusterError } from './cluster-error.js';

export interface RunUntilQuietOptions {
  /** How long nothing must change, in ms of virtual time. Default 10 000. */
  readonly quiet?: number;
  /** The most virtual time to let pass, in ms. Default 120 000. */
  readonly max?: number;
  /** Virtual time per step, in ms (conditions are polled every second). Default 1 000. */
  readonly step?: number;
}

export interface QuietResult {
  /** Virtual time that passed, in ms. */
  readonly elapsed: number;
  /** Whether the quiet period was reached (false: `max` ran out first). */
  readonly quiet: boolean;
}

const DEFAULTS = { quiet: 10_000, max: 120_000, step: 1_000 } as const;

/**
 * Advances the cluster's virtual clock step by step until no service state changed and no resource was created,
 * updated or destroyed on any node for `quiet` ms, or `max` ms have passed. Needs a VirtualClock
 * (ClusterError `not-virtual-time` otherwise).
 */
export async function runUntilQuiet(cluster: Cluster, options: RunUntilQuietOptions = {}): Promise<QuietResult> {
  const { quiet, max, step } = { ...DEFAULTS, ...options };
  const clock = cluster.clock;
  if (!(clock instanceof VirtualClock)) throw new ClusterError({ kind: 'not-virtual-time' });
  for (const [name, value] of Object.entries({ quiet, max, step })) {
    if (!Number.isFinite(value) || value < 0 || (name === 'step' && value === 0)) {
      throw new ClusterError({ kind: 'invalid-duration', input: `${name}: ${value}` });
    }
  }
  const start = clock.now();
  let lastChange = start;
  const changed = () => {
    lastChange = clock.now();
  };
  const subscriptions: Subscription[] = [];
  try {
    for (const node of cluster.nodes) subscriptions.push(...(await watchNode(node, changed)));
    for (;;) {
      const now = clock.now();
      if (now - lastChange >= quiet) return { elapsed: now - start, quiet: true };
      if (now - start >= max) return { elapsed: now - start, quiet: false };
      await cluster.advance(Math.min(step, lastChange + quiet - now, start + max - now));
    }
  } finally {
    for (const s of subscriptions) s.unsubscribe();
  }
}

/** Every service event and every resource event (in each type's default namespace) of a running node. */
async function watchNode(node: TalosNode, changed: () => void): Promise<Subscription[]> {
  if (node.phase !== 'running') return [];
  const subscriptions = [node.services.changes.subscribe(changed)];
  for (const rd of await node.resources.definitions()) {
    const events = await node.resources.watch(rd.defaultNamespace, rd.type);
    subscriptions.push(events.subscribe(changed));
  }
  return subscriptions;
}
