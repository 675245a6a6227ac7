// Which cluster a `sim` command's options select, worked out without booting anything: the scenario (`--scenario`,
// $SIM_SCENARIO, `--talos`, or the embedded default), a kept cluster (`--cluster`, $SIM_CLUSTER), and the nodes of
// `-n`. Bad combinations are a CliExit before anything boots.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultScenario } from '../../scenarios/default.js';
// module files, not the cluster index: the snapshot reader imports this module (see get-printing.ts)
import type { ScenarioInput } from '../cluster/create-cluster.js';
import { knownTalosRelease } from '../cluster/talos-release.js';
import { type CliContext, CliExit } from './cli-context.js';
import type { SimulationOptions } from './simulation-options.js';

/** The scenario the options select; bad combinations are a CliExit before anything boots. */
export function selectScenario(opts: SimulationOptions, ctx: CliContext): ScenarioInput {
  if (opts.scenario === '') throw new CliExit('--scenario: empty file name');
  // a flag given wins over the environment's default: --talos boots stock nodes even with SIM_SCENARIO set
  const file = opts.scenario ?? (opts.talos === undefined ? ctx.env.SIM_SCENARIO : undefined);
  if (file !== undefined && file !== '') {
    if (opts.talos !== undefined)
      throw new CliExit('--talos and --scenario cannot be used together: set talos in the scenario');
    return scenarioFile(file, ctx);
  }
  if (opts.talos === undefined) return defaultScenario;
  // said of the flag, not of a scenario key the user never wrote
  if (knownTalosRelease(opts.talos) === undefined) throw unknownTalos(opts.talos);
  return { version: 'v1alpha1', talos: opts.talos };
}

/**
 * A scenario named on the command line: a file, never YAML text, so a mistyped name is reported as missing rather
 * than parsed as a scenario made of one string.
 */
export function scenarioFile(file: string, ctx: CliContext): string {
  if (!existsSync(resolve(ctx.cwd, file))) throw new CliExit(`${file}: no such file or directory`);
  return file;
}

/** The addresses of `-n` (comma-separated or repeated); undefined without the flag. */
export function nodeAddresses(opts: SimulationOptions): string[] | undefined {
  const addresses = opts.nodes?.flatMap((n) => n.split(','));
  if (addresses?.some((a) => a.trim() === '')) throw new CliExit('-n/--nodes: empty node address');
  return addresses?.map((a) => a.trim());
}

/**
 * The kept cluster the command runs against (`--cluster`, else $SIM_CLUSTER), if any. SIM_CLUSTER is a default:
 * `--scenario` or `--talos` on the command line boot a cluster of their own.
 */
export function keptClusterName(opts: SimulationOptions, ctx: CliContext): string | undefined {
  if (opts.cluster === '') throw new CliExit('--cluster: empty cluster name');
  const booting = opts.scenario !== undefined || opts.talos !== undefined;
  const kept = opts.cluster ?? (booting ? undefined : ctx.env.SIM_CLUSTER);
  return kept === '' ? undefined : kept;
}

/** `--talos` names a release talos-sim has no build of (a line past its table, or never released). */
export function unknownTalos(flag: string): CliExit {
  return new CliExit(`--talos: unknown Talos version ${JSON.stringify(flag)}`);
}
