// `sim get`, the work behind the command (loaded only when it runs): talosctl get's flow against simulated nodes. A
// cluster booted for the command leaves its snapshot, so the next `get` on the same inputs need not boot
// (get-snapshot.ts reads it).
import { EMPTY, mergeMap, type Observable } from 'rxjs';
import { isTombstone, type StateEvent } from '../../cosi/index.js';
import type { ResourceWriter, WatchEventKind } from '../../printers/index.js';
import { keepSnapshot } from '../booted-snapshots.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { type SimulatedCluster, withCluster } from '../simulated-cluster.js';
import { asFollower, type FollowedStream, followUntilSignal, refuseFollowing } from './follow-until-signal.js';
import { type GetOptions, planGet, printResources, served, type Usage } from './get-printing.js';

export type { GetOptions } from './get-printing.js';

/** `key`: the snapshot key getFromSnapshot worked out before the boot, when the booted cluster may be kept. */
export function runGet(
  ctx: CliContext,
  usage: Usage,
  type: string,
  id: string | undefined,
  opts: GetOptions,
  key: string | undefined,
) {
  if (opts.watch === true) refuseFollowing(ctx, 'get -w');
  const get = () =>
    withCluster(opts, ctx, async (selected) => {
      if (key !== undefined) await keepSnapshot(opts, ctx, selected, key);
      const { nodes } = selected;
      const plan = await planGet(ctx, nodes, type, id, opts);
      if (opts.watch) {
        try {
          await watch(ctx, selected, plan.writer, plan.namespace, plan.rd.type, id);
        } finally {
          plan.writer.flush();
        }
        return;
      }
      await printResources(usage, nodes, plan, id);
    });
  return asFollower(ctx, opts.watch === true, get);
}

const EVENT_KIND: Readonly<Partial<Record<StateEvent['type'], WatchEventKind>>> = {
  Created: 'created',
  Updated: 'updated',
  Destroyed: 'destroyed',
};

/** Watches every node's resources until the signal, writing each event as talosctl does (the writer prints). */
async function watch(
  ctx: CliContext,
  selected: SimulatedCluster,
  writer: ResourceWriter,
  namespace: string,
  type: string,
  id: string | undefined,
): Promise<void> {
  const streams: FollowedStream[] = [];
  for (const node of selected.nodes) {
    let events: Observable<StateEvent>;
    try {
      events = await node.resources.watch(namespace, type, id, { bootstrapContents: true });
    } catch (err) {
      throw new CliExit(`error watching resource: ${(err as Error).message}`);
    }
    const write = (event: StateEvent): Observable<never> => {
      if (event.type === 'Bootstrapped') writer.markBootstrapped();
      else if (event.type === 'Errored') throw new CliExit(`error watching resource: ${event.error?.message}`);
      else {
        const kind = EVENT_KIND[event.type];
        if (kind !== undefined && !isTombstone(event.resource))
          writer.writeResource(node.address, served(node, event.resource), kind);
      }
      return EMPTY;
    };
    streams.push({ address: node.address, text: events.pipe(mergeMap(write)) });
  }
  // the watch of a boot completes when the node shuts down (or reboots): talosctl's stream breaks there too
  await followUntilSignal(ctx, selected, streams, (address) => `error watching resource: node ${address} shut down`);
}
