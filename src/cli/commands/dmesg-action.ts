// `sim dmesg`, the work behind the command: every node's ring (dmesg-kmsg.ts has the line format), node by node in
// the order of -n, then with -f the lines as nodes log them until the CLI's signal (Ctrl-C, SIGTERM) ends the
// command with status 0. `--tail` starts at the end: alone it prints nothing, as talosctl does. The format is the
// same in every talosctl release. A node whose boot ends while followed (a cluster run in-process, shut down or
// rebooted) ends the command with status 1, its stream broken.
import { map, takeUntil } from 'rxjs';
import type { CliContext } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { dmesgLines } from './dmesg-kmsg.js';
import { asFollower, followUntilSignal, refuseFollowing } from './follow-until-signal.js';

export interface DmesgOptions extends SimulationOptions {
  readonly follow?: boolean;
  readonly tail?: boolean;
}

export async function runDmesg(ctx: CliContext, opts: DmesgOptions) {
  if (opts.follow === true) refuseFollowing(ctx, 'dmesg -f');
  await asFollower(ctx, opts.follow === true, () => dmesgFrom(ctx, opts));
}

function dmesgFrom(ctx: CliContext, opts: DmesgOptions) {
  return withCluster(opts, ctx, async (selected) => {
    const { nodes } = selected;
    talosctlRelease(nodes, opts.talosctlVersion);
    if (opts.tail !== true) {
      for (const node of nodes) {
        for (const entry of node.log.currentBoot()) ctx.io.stdout(dmesgLines(node.address, entry));
      }
    }
    if (opts.follow !== true) return;
    await followUntilSignal(
      ctx,
      selected,
      nodes.map((node) => ({
        address: node.address,
        text: node.log.appended.pipe(
          takeUntil(node.bootEnded),
          map((entry) => dmesgLines(node.address, entry)),
        ),
      })),
      (address) => `error getting dmesg: node ${address} shut down`,
    );
  });
}
