// `sim mounts` (alias `mount`): talosctl mounts against the simulated nodes. The work is in mounts-action.ts.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { MountsOptions } from './mounts-action.js';
import { withUsageQuirk } from './node-command-errors.js';

export const registerMountsCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('mounts')
    .alias('mount')
    .description('List mounts (talosctl mounts)')
    .allowExcessArguments(true);
  addSimulationOptions(cmd).action(async (opts: MountsOptions, self: Command) => {
    // cobra.NoArgs
    if (self.args.length > 0)
      throw new CliExit(withUsageQuirk(`unknown command "${self.args[0]}" for "sim mounts"`, self));
    await (await import('./mounts-action.js')).runMounts(ctx, opts);
  });
};
