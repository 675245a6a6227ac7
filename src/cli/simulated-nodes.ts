// The nodes a `sim` invocation talks to: simulated in-process, booted on the system clock.
import type { Command } from 'commander';
import { type Clock, createNode, resolveTalosVersion, type TalosNode } from '../index.js';
import { CliExit } from './cli-context.js';

/** Global options every node-facing command shares (see registerSimulationOptions). */
export interface SimulationOptions {
  readonly talos?: string;
  readonly nodes?: readonly string[];
}

export const DEFAULT_NODES: readonly string[] = ['172.20.0.2'];

/** Adds `-n/--nodes` and `--talos` to a command. */
export function addSimulationOptions(cmd: Command): Command {
  return cmd
    .option('-n, --nodes <addresses...>', 'nodes to simulate and query (comma-separated or repeated)')
    .option(
      '--talos <version>',
      'Talos version the simulated nodes run (e.g. v1.10.3, or v1.10 for its newest release)',
    );
}

/** Boots one simulated node per address; a bad version is a clear error before anything is printed. */
export async function bootNodes(opts: SimulationOptions, clock?: Clock): Promise<TalosNode[]> {
  const addresses = (opts.nodes ?? DEFAULT_NODES).flatMap((n) => n.split(',')).filter((n) => n !== '');
  let talosVersion: string | undefined;
  if (opts.talos !== undefined) {
    try {
      talosVersion = resolveTalosVersion(opts.talos).version;
    } catch (err) {
      throw new CliExit((err as Error).message);
    }
  }
  const nodes: TalosNode[] = [];
  for (const address of addresses) {
    const node = await createNode({ address, ...(talosVersion ? { talosVersion } : {}), ...(clock ? { clock } : {}) });
    await node.boot();
    nodes.push(node);
  }
  return nodes;
}
