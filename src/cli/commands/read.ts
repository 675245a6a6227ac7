// `sim read <path>` (alias `cat`): talosctl read against one simulated node. The work is in read-action.ts.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import { withUsageQuirk } from './node-command-errors.js';
import type { ReadOptions } from './read-action.js';

export const registerReadCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('read')
    .alias('cat')
    .description('Read a file on the machine (talosctl read)')
    .argument('[path...]', 'the file to read')
    .option('--talosctl-version <version>', 'the talosctl release to play (default: the newest among the nodes)');
  addSimulationOptions(cmd).action(async (paths: string[], opts: ReadOptions, self: Command) => {
    if (paths.length !== 1) throw new CliExit(withUsageQuirk(`accepts 1 arg(s), received ${paths.length}`, self));
    await (await import('./read-action.js')).runRead(ctx, self, paths[0] as string, opts);
  });
};
