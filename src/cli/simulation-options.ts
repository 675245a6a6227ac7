// The options every node-facing command shares: which simulated cluster to boot.
import type { Command } from 'commander';

/** Options every node-facing command shares (see addSimulationOptions). */
export interface SimulationOptions {
  readonly talos?: string;
  readonly nodes?: readonly string[];
  readonly scenario?: string;
  /** commander's negation of --no-cache: false when given. */
  readonly cache?: boolean;
  /** Virtual time at boot, RFC 3339. */
  readonly clock?: string;
  /** A kept cluster (`sim cluster create`) to run against. */
  readonly cluster?: string;
  /** The talosctl release to play (default: the newest among the nodes). */
  readonly talosctlVersion?: string;
}

/** Adds the options that select the cluster, its nodes and its time, and the talosctl release played. */
export function addSimulationOptions(cmd: Command): Command {
  return (
    cmd
      // a string slice as talosctl's: comma-separated or repeated, never swallowing the arguments after it
      .option(
        '-n, --nodes <addresses>',
        'nodes to simulate and query (comma-separated or repeated)',
        (value: string, previous: readonly string[] = []) => [...previous, value],
      )
      .option('--talos <version>', 'boot stock nodes of this Talos release (e.g. v1.10.3, or v1.10 for its newest)')
      .option(
        '--scenario <file>',
        'boot the cluster a YAML scenario describes (default: $SIM_SCENARIO, or the embedded scenario)',
      )
      .option(
        '--clock <time>',
        "virtual time at boot, RFC 3339 (default: $SOURCE_DATE_EPOCH, else the scenario's clock, else 2024-08-09T03:07:41Z)",
      )
      .option('--cluster <name>', 'run against a cluster kept by sim cluster create (default: $SIM_CLUSTER)')
      .option('--no-cache', 'build the boot assets instead of reading them from the cache')
      .option('--talosctl-version <version>', 'the talosctl release to play (default: the newest among the nodes)')
  );
}
