// The `sim` program: builds the commander tree from the registrars and runs one invocation.
import { Command, CommanderError } from 'commander';
import { packageVersion } from './build-identity.js';
import { type CliContext, CliExit, type CommandRegistrar } from './cli-context.js';
import { registerClusterCommand } from './commands/cluster.js';
import { registerDmesgCommand } from './commands/dmesg.js';
import { registerExtCommand } from './commands/ext.js';
import { registerGetCommand } from './commands/get.js';
import { registerImageCommand } from './commands/image.js';
import { registerListCommand } from './commands/list.js';
import { registerLogsCommand } from './commands/logs.js';
import { registerMountsCommand } from './commands/mounts.js';
import { registerNodeOpsCommands } from './commands/node-ops.js';
import { registerReadCommand } from './commands/read.js';
import { registerScenarioCommand } from './commands/scenario.js';
import { registerServiceCommand } from './commands/service.js';
import { registerSquashfs } from './commands/squashfs.js';
import { registerVersionCommand } from './commands/version.js';
import { hoistSimulationOptions } from './simulation-options.js';

const registrars: readonly CommandRegistrar[] = [
  registerGetCommand,
  registerExtCommand,
  registerImageCommand,
  registerSquashfs,
  registerScenarioCommand,
  registerClusterCommand,
  registerNodeOpsCommands,
  registerVersionCommand,
  registerListCommand,
  registerReadCommand,
  registerMountsCommand,
  registerDmesgCommand,
  registerServiceCommand,
  registerLogsCommand,
];

/** Builds the `sim` command tree for one invocation; exported for help/usage tests. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('sim')
    .description('Simulate a Talos Linux node: system extensions, squashfs layers, COSI resources')
    .version(packageVersion(), '-V, --version', 'print the version of talos-sim')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      writeErr: (s) => ctx.io.stderr(s),
    });
  for (const register of registrars) register(program, ctx);
  return program;
}

/** Runs `sim <argv…>` and resolves with the exit status; never calls process.exit. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(hoistSimulationOptions(argv), { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CliExit) {
      if (err.message !== '') ctx.io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      // commander already printed its message through configureOutput; help exits with 0
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    ctx.io.stderr(`${message}\n`);
    return 1;
  }
}
