// Following streams until the user stops the command, as `sim dmesg -f` does: the CLI's signal (Ctrl-C, SIGTERM)
// ends it with status 0; meanwhile a cluster the command booted lives in wall time (its clock follows the real
// one), while a cluster handed to the CLI keeps the time its owner gives it. A stream that ends first (its node
// shut down or rebooted, in a cluster run in-process) ends the command with status 1, as talosctl's broken stream.
import type { Observable, Subscription } from 'rxjs';
import { stepMustEnd } from '../../cluster/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { liveUntil, type SimulatedCluster } from '../simulated-cluster.js';

/** What one node sends: text to print as it comes, completing when the node's boot ends. */
export interface FollowedStream {
  readonly address: string;
  readonly text: Observable<string | Uint8Array>;
}

export async function followUntilSignal(
  ctx: CliContext,
  selected: SimulatedCluster,
  streams: readonly FollowedStream[],
  /** The error printed when a node's stream ends before the signal. */
  ended: (address: string) => string,
): Promise<void> {
  const stop = new AbortController();
  const following = liveUntil(selected, stop.signal);
  try {
    await new Promise<void>((resolve, reject) => {
      const subscriptions: Subscription[] = [];
      let done = false;
      const finish = (err?: unknown) => {
        if (done) return;
        done = true;
        ctx.signal?.removeEventListener('abort', onSignal);
        for (const s of subscriptions) s.unsubscribe();
        if (err === undefined) resolve();
        else reject(err instanceof CliExit ? err : new CliExit((err as Error).message));
      };
      const onSignal = () => finish();
      // a kept cluster's follower that cannot go on (the cluster destroyed) ends the command with its error
      following.catch((err: unknown) => finish(err));
      // subscribed first: what the streams hold already (a watch's bootstrap rows) is printed even when the signal
      // came before
      for (const { address, text } of streams) {
        if (done) break;
        subscriptions.push(
          text.subscribe({
            next: (chunk) => ctx.io.stdout(chunk),
            error: (err: unknown) => finish(err),
            complete: () => finish(new CliExit(ended(address))),
          }),
        );
      }
      // a stream that ended while the others were being subscribed leaves them to unsubscribe here
      if (done) for (const s of subscriptions) s.unsubscribe();
      else if (ctx.signal?.aborted) finish();
      else ctx.signal?.addEventListener('abort', onSignal, { once: true });
    });
  } finally {
    stop.abort();
    await following.catch(() => {});
  }
}

/** Fails at once when the run cannot follow (a scenario step must end by itself): before anything is printed. */
export function refuseFollowing(ctx: CliContext, command: string): void {
  if (ctx.follow === false) throw new CliExit(stepMustEnd(command));
}

/**
 * Runs a command that may follow (`follow`) with the CLI's signal listened to from the start: Ctrl-C during its boot
 * or a kept cluster's replay then ends it with status 0, as Ctrl-C while it follows does (the executable ends a
 * command that listens to nothing at once, with 128 + the signal's number).
 */
export async function asFollower<T>(ctx: CliContext, follow: boolean, work: () => Promise<T>): Promise<T> {
  const signal = ctx.signal;
  // a cluster handed to the CLI is neither booted nor replayed: nothing comes before following
  if (!follow || signal === undefined || ctx.cluster !== undefined) return work();
  const heard = () => {};
  signal.addEventListener('abort', heard, { once: true });
  try {
    return await work();
  } finally {
    signal.removeEventListener('abort', heard);
  }
}
