// `sim get` read without commander, for the argument lists simple enough that reading them takes no judgement: the
// executable answers those from a kept snapshot (commands/get-snapshot.ts) before it loads the command tree, which
// costs a third of such a run. Anything else (an option it does not list, a value that starts with `-`, an option
// given twice, `--`, help, watch, a kept cluster, `--no-cache`) is left to the command tree, as are all errors.
// talosctl's global flags (`-n`, `--scenario`…) may come before the command name, as the command tree allows. What it
// returns is what commander hands the `get` action for the same list (test/cli/plain-get.test.ts compares the two).
import type { GetOptions } from './commands/get-printing.js';

/** A `sim get` invocation: its type, its id, and the options as commander would give them to the action. */
export interface PlainGet {
  readonly type: string;
  readonly id: string | undefined;
  readonly opts: GetOptions;
}

/**
 * The options read here, by flag: the option's key, whether it may be given more than once, and whether it is one of
 * talosctl's global flags, which may come before the command name too.
 */
const VALUE_OPTIONS: ReadonlyMap<
  string,
  { readonly key: keyof GetOptions; readonly repeats: boolean; readonly global: boolean }
> = new Map([
  ['-o', { key: 'output', repeats: false, global: false }],
  ['--output', { key: 'output', repeats: false, global: false }],
  ['--namespace', { key: 'namespace', repeats: false, global: false }],
  ['-n', { key: 'nodes', repeats: true, global: true }],
  ['--nodes', { key: 'nodes', repeats: true, global: true }],
  ['--talos', { key: 'talos', repeats: false, global: true }],
  ['--scenario', { key: 'scenario', repeats: false, global: true }],
  ['--clock', { key: 'clock', repeats: false, global: true }],
  ['--talosctl-version', { key: 'talosctlVersion', repeats: false, global: true }],
]);

/** The argument list read as `sim get <type> [<id>] [options]`, or undefined when commander should read it. */
export function parsePlainGet(argv: readonly string[]): PlainGet | undefined {
  // global flags before the name are read first, as the command tree reads them (hoistSimulationOptions)
  const name = argv.findIndex((arg, i) => !arg.startsWith('-') && (i === 0 || !isSeparateValueFlag(argv[i - 1])));
  if (argv[name] !== 'get' && argv[name] !== 'g') return undefined;
  const leading = argv.slice(0, name);
  const positional: string[] = [];
  const values = new Map<keyof GetOptions, string[]>();
  const tokens = [...leading, ...argv.slice(name + 1)];
  for (let i = 0; i < tokens.length; i++) {
    const arg = tokens[i] as string;
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const option = VALUE_OPTIONS.get(eq === -1 ? arg : arg.slice(0, eq));
    if (option === undefined || (i < leading.length && !option.global)) return undefined;
    let value: string | undefined;
    if (eq === -1) {
      value = tokens[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
    } else {
      value = arg.slice(eq + 1);
    }
    const given = values.get(option.key) ?? [];
    if (given.length > 0 && !option.repeats) return undefined;
    values.set(option.key, [...given, value]);
  }
  if (positional.length < 1 || positional.length > 2) return undefined;
  const opts: Record<string, unknown> = { output: 'table', cache: true };
  for (const [key, given] of values) opts[key] = key === 'nodes' ? given : given[0];
  return { type: positional[0] as string, id: positional[1], opts: opts as unknown as GetOptions };
}

/** A flag whose value is the next argument (`-n 10.5.0.2`, not `--nodes=10.5.0.2`). */
function isSeparateValueFlag(arg: string | undefined): boolean {
  return arg !== undefined && VALUE_OPTIONS.has(arg);
}
