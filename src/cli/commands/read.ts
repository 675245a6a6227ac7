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
    // cobra.ExactArgs(1) is checked below, with its text; `<path>` is how the reference shows the argument
    .argument('[path]', '<path>')
    .usage('[options] <path>')
    .allowExcessArguments(true);
  addSimulationOptions(cmd).action(async (path: string | undefined, opts: ReadOptions, self: Command) => {
    if (self.args.length !== 1) {
      throw new CliExit(withUsageQuirk(`accepts 1 arg(s), received ${self.args.length}`, self));
    }
    await (await import('./read-action.js')).runRead(ctx, self, path as string, opts);
  });
};
