// `sim scenario run <file>`: run a scenario script (boot its cluster, carry out its steps, check the expected
// output of its `run` steps) and exit non-zero at the first failed expectation. The work is in scenario-action.ts.
import type { Command } from 'commander';
import type { CliContext, CommandRegistrar } from '../cli-context.js';

export const registerScenarioCommand: CommandRegistrar = (program: Command, ctx: CliContext) => {
  const scenario = program.command('scenario').description('Scenario scripts: boot a cluster and run its steps');
  scenario
    .command('run')
    .description("Boot the scenario's cluster, run its steps in order and check what they print")
    .argument('<file>', 'scenario file (YAML)')
    .action(async (file: string) => (await import('./scenario-action.js')).runScenarioCommand(file, ctx));
};
