// `sim dmesg`, the work behind the command: every node's ring (dmesg-kmsg.ts has the line format), node by node in
// the order of -n, then with -f the lines as nodes log them until the CLI's signal (Ctrl-C, SIGTERM) ends the
// command with status 0. `--tail` starts at the end: alone it prints nothing, as talosctl does. The format is the
// same in every talosctl release; the simulated nodes always answer, so the error forms do not arise.
import type { CliContext } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { dmesgLines } from './dmesg-kmsg.js';

export interface DmesgOptions extends SimulationOptions {
  readonly follow?: boolean;
  readonly tail?: boolean;
}

export async function runDmesg(ctx: CliContext, opts: DmesgOptions) {
  await withCluster(opts, ctx, async ({ cluster, nodes, owned }) => {
    talosctlRelease(nodes, opts.talosctlVersion);
    if (opts.tail !== true) {
      for (const node of nodes) {
        for (const entry of node.log.entries()) ctx.io.stdout(dmesgLines(node.address, entry));
      }
    }
    if (opts.follow !== true) return;
    // a cluster the command booted lives in wall time; an embedder's cluster keeps the time it is given
    const stop = new AbortController();
    const following = owned ? cluster.followWallTime(stop.signal) : Promise.resolve();
    try {
      await new Promise<void>((resolve) => {
        const subscriptions = nodes.map((node) =>
          node.log.appended.subscribe((entry) => ctx.io.stdout(dmesgLines(node.address, entry))),
        );
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
  });
}
