// `sim service [<id> [start|stop|restart|status]]` (alias `sim services`): talosctl service against the simulated
// nodes: every service of the nodes, one service in detail, or an action through machined's API, recorded by a kept
// cluster. The work is in service-action.ts.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import { withUsageQuirk } from './node-command-errors.js';
import type { ServiceOptions } from './service-action.js';

export const registerServiceCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('service')
    .alias('services')
    .description(
      'Retrieve the state of a service (or all services), control service state (talosctl service [<id> [start|stop|restart|status]])',
    )
    .argument('[args...]', '[<id> [start|stop|restart|status]]');
  addSimulationOptions(cmd).action(async (args: string[], opts: ServiceOptions, self: Command) => {
    // cobra.MaximumNArgs(2)
    if (args.length > 2) throw new CliExit(withUsageQuirk(`accepts at most 2 arg(s), received ${args.length}`, self));
    await (await import('./service-action.js')).runService(ctx, self, args[0], args[1], opts);
  });
};
