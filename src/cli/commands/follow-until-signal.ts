// Following streams until the user stops the command, as `sim dmesg -f` does: the CLI's signal (Ctrl-C, SIGTERM)
// ends it with status 0; meanwhile a cluster the command booted lives in wall time (its clock follows the real
// one), while a cluster handed to the CLI keeps the time its owner gives it.
import type { Subscription } from 'rxjs';
import type { Cluster } from '../../index.js';
import type { CliContext } from '../cli-context.js';

export async function followUntilSignal(
  ctx: CliContext,
  cluster: Cluster,
  owned: boolean,
  subscribe: () => readonly Subscription[],
): Promise<void> {
  const stop = new AbortController();
  const following = owned ? cluster.followWallTime(stop.signal) : Promise.resolve();
  try {
    await new Promise<void>((resolve) => {
      const subscriptions = subscribe();
      const finish = () => {
        for (const s of subscriptions) s.unsubscribe();
        resolve();
      };
      if (ctx.signal?.aborted) finish();
      else ctx.signal?.addEventListener('abort', finish, { once: true });
    });
  } finally {
    stop.abort();
    await following;
  }
}
