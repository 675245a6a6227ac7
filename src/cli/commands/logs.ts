// `sim logs <id> [-f] [--tail N]`: talosctl logs for a service of the simulated nodes (its log stream, each line
// prefixed with the node), `-f` following it until Ctrl-C. The work is in logs-action.ts.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { LogsOptions } from './logs-action.js';
import { withUsageQuirk } from './node-command-errors.js';

export const registerLogsCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('logs')
    .description('Retrieve logs for a service (talosctl logs <service name>)')
    .argument('[args...]', '<service name>')
    .option('-f, --follow', 'specify if the logs should be streamed')
    .option('--tail <lines>', 'lines of log file to display (default is to show from the beginning)', '-1');
  addSimulationOptions(cmd).action(async (args: string[], opts: LogsOptions, self: Command) => {
    // cobra.ExactArgs(1)
    if (args.length !== 1) throw new CliExit(withUsageQuirk(`accepts 1 arg(s), received ${args.length}`, self));
    await (await import('./logs-action.js')).runLogs(ctx, self, args[0] as string, opts);
  });
};
