// `sim version`: talosctl version's layout, the client (the talosctl release sim plays) then a Server section per
// node with its build: tag, commit, Go version, platform, and the features it enabled. Work in version-action.ts.
import type { Command } from 'commander';
import type { CliContext, CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { VersionFlags } from './version-action.js';

export const registerVersionCommand: CommandRegistrar = (program: Command, ctx: CliContext) => {
  addSimulationOptions(
    program
      .command('version')
      .description('Prints the version (talosctl version)')
      .option('--short', 'Print the short version')
      .option('--client', 'Print client version only'),
  ).action(async (flags: VersionFlags) => (await import('./version-action.js')).version(flags, ctx));
};
