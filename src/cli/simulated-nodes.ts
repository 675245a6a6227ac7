// The nodes a `sim` invocation talks to: a scenario booted in-process on the system clock. Without options that
// is the embedded default scenario; `--scenario` reads a YAML scenario; `--talos` boots stock nodes of a release;
// `-n` sets the node addresses of whichever scenario runs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultScenario } from '../../scenarios/default.js';
import { bootScenario, parseScenario, resolveTalosVersion, type Scenario, type TalosNode } from '../index.js';
import { type CliContext, CliExit } from './cli-context.js';
import type { SimulationOptions } from './simulation-options.js';

/** The scenario the options select, with their overrides applied; bad input is a CliExit before anything prints. */
export function selectScenario(opts: SimulationOptions, ctx: CliContext): Scenario {
  let scenario: Scenario = defaultScenario;
  try {
    if (opts.scenario !== undefined) {
      scenario = parseScenario(readFileSync(resolve(ctx.cwd, opts.scenario), 'utf8'));
      if (opts.talos !== undefined) scenario = { ...scenario, talos: resolveTalosVersion(opts.talos).version };
    } else if (opts.talos !== undefined) {
      scenario = { talos: resolveTalosVersion(opts.talos).version };
    }
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  const nodes = opts.nodes?.flatMap((n) => n.split(',')).filter((n) => n !== '');
  return nodes === undefined ? scenario : { ...scenario, nodes };
}

/** Boots the selected scenario's nodes. */
export async function bootNodes(opts: SimulationOptions, ctx: CliContext): Promise<TalosNode[]> {
  const scenario = selectScenario(opts, ctx);
  try {
    return await bootScenario(scenario, { cwd: ctx.cwd, ...(ctx.clock ? { clock: ctx.clock } : {}) });
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
}
