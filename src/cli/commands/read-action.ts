// `sim read`, the work behind the command: talosctl read's flow for the release sim plays. One node only; the file's
// bytes go to stdout unchanged; a failure comes back from machined as the stream's error, printed per release.
import type { Command } from 'commander';
import type { TalosNode } from '../../index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { appendErrorsText, withUsageQuirk } from './node-command-errors.js';
import { machinedRelease, nodeCommandTalosctl } from './node-command-release.js';
import { machinedRead } from './read-machined.js';

export type ReadOptions = SimulationOptions;

export async function runRead(ctx: CliContext, cmd: Command, path: string, opts: ReadOptions) {
  await withCluster(opts, ctx, async ({ nodes }) => {
    const talosctl = nodeCommandTalosctl(talosctlRelease(nodes, opts.talosctlVersion));
    if (nodes.length !== 1) {
      const message =
        talosctl.client === 'multiplex'
          ? `command "read" requires exactly one node (got ${nodes.length})`
          : 'command "read" is not supported with multiple nodes';
      throw new CliExit(withUsageQuirk(message, cmd));
    }
    const node = nodes[0] as TalosNode;
    const reply = machinedRead(node.filesystem.fs, machinedRelease(node.talosVersion), path);
    if ('data' in reply) {
      ctx.io.stdout(reply.data);
      return;
    }
    const error = reply.error.message;
    switch (talosctl.readErrors) {
      case 'lines':
        // v1.0: the errors channel is printed as it comes; the command still succeeds
        ctx.io.stderr(`${error}\n`);
        return;
      case 'collected':
        throw new CliExit(withUsageQuirk(appendErrorsText([error]), cmd));
      case 'error-reading':
        throw new CliExit(withUsageQuirk(`error reading: ${error}`, cmd));
    }
  });
}
