// The options every node-facing command shares: which simulated cluster to boot.
import { Command } from 'commander';

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
      .option('--no-cache', 'build the boot assets and boot the nodes instead of reading the cache')
      .option('--talosctl-version <version>', 'the talosctl release to play (default: the newest among the nodes)')
  );
}

/** The simulation options' flags (`-n`, `--nodes`, `--no-cache`…) and whether each takes a value. */
let flags: ReadonlyMap<string, boolean> | undefined;

function simulationFlags(): ReadonlyMap<string, boolean> {
  if (flags === undefined) {
    const map = new Map<string, boolean>();
    for (const option of addSimulationOptions(new Command()).options) {
      const takesValue = option.required || option.optional;
      if (option.short !== undefined) map.set(option.short, takesValue);
      if (option.long !== undefined) map.set(option.long, takesValue);
    }
    flags = map;
  }
  return flags;
}

/**
 * talosctl's `-n/--nodes` and the other simulation options are global: `talosctl -n 10.5.0.2 get extensions` is as
 * good as `talosctl get extensions -n 10.5.0.2`. commander reads a subcommand's options only after its name, so the
 * ones written before the command name are moved after it. Anything else before the name stays where it is (`sim
 * -V`, or an unknown option commander then reports).
 */
export function hoistSimulationOptions(argv: readonly string[]): string[] {
  const known = simulationFlags();
  const hoisted: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const shortWithValue = /^-[a-zA-Z]./.test(arg) && known.get(arg.slice(0, 2)) === true;
    if (known.has(name)) {
      const takesValue = known.get(name) === true;
      if (takesValue && eq === -1) {
        if (i + 1 >= argv.length) break;
        hoisted.push(arg, argv[i + 1] as string);
        i += 2;
      } else {
        hoisted.push(arg);
        i += 1;
      }
    } else if (shortWithValue) {
      hoisted.push(arg);
      i += 1;
    } else {
      break;
    }
  }
  if (hoisted.length === 0 || i >= argv.length || (argv[i] as string).startsWith('-')) return [...argv];
  return [argv[i] as string, ...hoisted, ...argv.slice(i + 1)];
}
