// `sim get <type> [<id>]`: talosctl get against simulated nodes, with its printers, flow and errors. The work is in
// get-action.ts, loaded only when the command runs, so `sim` starts fast.
import type { Command } from 'commander';
import { CliExit, type CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { GetOptions } from './get-printing.js';
import { withUsageQuirk } from './node-command-errors.js';

export const registerGetCommand: CommandRegistrar = (program, ctx) => {
  const cmd = program
    .command('get')
    .alias('g')
    .description('Get a specific resource or list of resources (talosctl get)')
    .argument('[args...]', '<type> [<id>]')
    .option('--namespace <namespace>', "resource namespace (default is to use the resource's default namespace)")
    .option('-o, --output <format>', 'output mode (json, table, yaml, jsonpath=<template>)', 'table')
    .option('-w, --watch', 'watch resource changes');
  addSimulationOptions(cmd).action(async (args: string[], opts: GetOptions, self: Command) => {
    if (args.length < 1 || args.length > 2) {
      throw new CliExit(
        `accepts between 1 and 2 arg(s), received ${args.length}\n\n${self.helpInformation().trimEnd()}`,
      );
    }
    const [type, id] = [args[0] as string, args[1]];
    const usage = (message: string) => withUsageQuirk(message, self);
    const answer = await (await import('./get-snapshot.js')).getFromSnapshot(ctx, usage, type, id, opts);
    if (answer.answered) {
      if (answer.exit !== undefined) throw new CliExit(answer.exit.message, answer.exit.exitCode);
      return;
    }
    await (await import('./get-action.js')).runGet(ctx, usage, type, id, opts, answer.key);
  });
};
