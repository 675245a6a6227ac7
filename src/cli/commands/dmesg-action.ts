// `sim dmesg`, the work behind the command: every node's ring (dmesg-kmsg.ts has the line format), node by node in
// the order of -n, then with -f the lines as nodes log them until the CLI's signal (Ctrl-C, SIGTERM) ends the
// command with status 0. `--tail` starts at the end: alone it prints nothing, as talosctl does. The format is the
// same in every talosctl release; the simulated nodes always answer, so the error forms do not arise.
import type { CliContext } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { dmesgLines } from './dmesg-kmsg.js';
import { followUntilSignal } from './follow-until-signal.js';

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
    await followUntilSignal(ctx, cluster, owned, () =>
      nodes.map((node) => node.log.appended.subscribe((entry) => ctx.io.stdout(dmesgLines(node.address, entry)))),
    );
  });
}
