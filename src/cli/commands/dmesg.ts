// `sim dmesg`: talosctl dmesg against the simulated nodes: their log rings as kernel messages, `-f` following them
// until Ctrl-C. The work is in dmesg-action.ts.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { DmesgOptions } from './dmesg-action.js';
import { withUsageQuirk } from './node-command-errors.js';

export const registerDmesgCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('dmesg')
    .description('Retrieve kernel logs (talosctl dmesg)')
    .allowExcessArguments(true)
    .option('-f, --follow', 'specify if the kernel log should be streamed')
    .option('--tail', 'specify if only new messages should be sent (makes sense only when combined with --follow)');
  addSimulationOptions(cmd).action(async (opts: DmesgOptions, self: Command) => {
    // cobra.NoArgs
    if (self.args.length > 0)
      throw new CliExit(withUsageQuirk(`unknown command "${self.args[0]}" for "sim dmesg"`, self));
    await (await import('./dmesg-action.js')).runDmesg(ctx, opts);
  });
};
