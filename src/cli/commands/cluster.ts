// `sim cluster create|show|destroy`: clusters that live between commands, as talosctl users work against a running
// cluster. Node commands reach one with `--cluster <name>` or $SIM_CLUSTER. The work is in cluster-action.ts.
import type { Command } from 'commander';
import type { CliContext, CommandRegistrar } from '../cli-context.js';
import type { CreateFlags } from './cluster-action.js';

const NAME_HELP = 'the cluster name (default: $SIM_CLUSTER, else "default")';

export const registerClusterCommand: CommandRegistrar = (program: Command, ctx: CliContext) => {
  const cluster = program.command('cluster').description('Keep a simulated cluster between commands');
  cluster
    .command('create')
    .description('Create a cluster from a scenario; later commands with --cluster run against it')
    .option('--name <name>', NAME_HELP)
    .option('--scenario <file>', 'the scenario (default: $SIM_SCENARIO, or the embedded scenario)')
    .option('--talos <version>', 'stock nodes of this Talos release instead of a scenario')
    .option('--clock <time>', 'pin the virtual clock at this RFC 3339 time (default: it follows wall time)')
    .option('--no-cache', 'build the boot assets instead of reading them from the cache')
    .action(async (flags: CreateFlags) => (await import('./cluster-action.js')).create(flags, ctx));
  cluster
    .command('show')
    .description('Show a cluster: its scenario, clock, operations and nodes')
    .option('--name <name>', NAME_HELP)
    .action(async (flags: { name?: string }) => (await import('./cluster-action.js')).show(flags, ctx));
  cluster
    .command('destroy')
    .description('Destroy a cluster and its state')
    .option('--name <name>', NAME_HELP)
    .action(async (flags: { name?: string }) => (await import('./cluster-action.js')).destroy(flags, ctx));
};
