// `sim list [path]` (alias `ls`): talosctl list against the simulated nodes, with its flags, output per talosctl
// release and machined's listing of the node's filesystem. The work is in list-action.ts, loaded when it runs.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { ListOptions } from './list-action.js';
import { withUsageQuirk } from './node-command-errors.js';

/** pflag's string slice: comma-separated values, repeatable. */
const collect = (value: string, previous: string[] = []): string[] =>
  value === '' ? previous : [...previous, ...value.split(',')];

export const registerListCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('list')
    .alias('ls')
    .description('Retrieve a directory listing (talosctl list)')
    .argument('[path]', 'the directory or file to list (default /)')
    .allowExcessArguments(true)
    .option('-l, --long', 'display additional file details')
    .option('-r, --recurse', 'recurse into subdirectories')
    .option('-H, --humanize', 'humanize size and time in the output')
    .option('-d, --depth <depth>', 'maximum recursion depth', '1')
    .option(
      '-t, --type <types>',
      'filter by specified types: f (regular file), d (directory), l or L (symbolic link)',
      collect,
    );
  addSimulationOptions(cmd).action(async (path: string | undefined, opts: ListOptions, self: Command) => {
    // cobra.MaximumNArgs(1)
    if (self.args.length > 1) {
      throw new CliExit(withUsageQuirk(`accepts at most 1 arg(s), received ${self.args.length}`, self));
    }
    await (await import('./list-action.js')).runList(ctx, self, path, opts);
  });
};
