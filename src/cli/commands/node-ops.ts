// `sim reboot`, `sim upgrade`, `sim apply-config`: talosctl's node operations against the selected nodes (-n) of a
// kept cluster (--cluster, $SIM_CLUSTER), where the change lasts, or of a cluster booted for the command.
import type { Command } from 'commander';
import type { CliContext, CommandRegistrar } from '../cli-context.js';
import { addSimulationOptions } from '../simulation-options.js';
import type { ApplyConfigFlags, UpgradeFlags } from './node-ops-action.js';

const repeat = (value: string, previous: string[] = []) => [...previous, value];

export const registerNodeOpsCommands: CommandRegistrar = (program: Command, ctx: CliContext) => {
  addSimulationOptions(
    program
      .command('reboot')
      .description('Reboot the nodes: state, tmpfs and services start afresh from the same boot asset'),
  ).action(async (flags) => (await import('./node-ops-action.js')).reboot(flags, ctx));
  addSimulationOptions(
    program
      .command('upgrade')
      .description(
        "Install a new boot asset on the nodes and reboot into it (the only way extensions change); prints machined's ACK as talosctl upgrade --wait=false does",
      )
      .option('--talos-version <version>', 'the release to install (default: the one the node runs)')
      .option(
        '--extension <image>',
        'an extension image for the imager (repeat; replaces the current extensions, official ones too)',
        repeat,
      )
      .option(
        '--official-extension <name>',
        'an official extension through Image Factory (repeat; replaces the current extensions)',
        repeat,
      )
      .option(
        '--no-extensions',
        'the stock installer image: no extensions (a ≤ v1.9 installer still adds .machine.install.extensions)',
      ),
  ).action(async (flags: UpgradeFlags) => (await import('./node-ops-action.js')).upgrade(flags, ctx));
  addSimulationOptions(
    program
      .command('apply-config')
      .description('Apply a new machine config to the nodes')
      .requiredOption('-f, --file <path>', 'the machine config (YAML, several documents allowed)'),
  ).action(async (flags: ApplyConfigFlags) => (await import('./node-ops-action.js')).applyConfig(flags, ctx));
};
