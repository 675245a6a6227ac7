// `sim get` read without commander, for the argument lists simple enough that reading them takes no judgement: the
// executable answers those from a kept snapshot (commands/get-snapshot.ts) before it loads the command tree, which
// costs a third of such a run. Anything else (an option it does not list, a value that starts with `-`, an option
// given twice, `--`, help, watch, a kept cluster, `--no-cache`, options before the command name) is left to the
// command tree, as are all errors. What it returns is what commander hands the `get` action for the same list
// (test/cli/plain-get.test.ts compares the two).
import type { GetOptions } from './commands/get-printing.js';

/** A `sim get` invocation: its type, its id, and the options as commander would give them to the action. */
export interface PlainGet {
  readonly type: string;
  readonly id: string | undefined;
  readonly opts: GetOptions;
}

/** The options read here, by flag: the option's key, and whether it may be given more than once. */
const VALUE_OPTIONS: ReadonlyMap<string, { readonly key: keyof GetOptions; readonly repeats: boolean }> = new Map([
  ['-o', { key: 'output', repeats: false }],
  ['--output', { key: 'output', repeats: false }],
  ['--namespace', { key: 'namespace', repeats: false }],
  ['-n', { key: 'nodes', repeats: true }],
  ['--nodes', { key: 'nodes', repeats: true }],
  ['--talos', { key: 'talos', repeats: false }],
  ['--scenario', { key: 'scenario', repeats: false }],
  ['--clock', { key: 'clock', repeats: false }],
  ['--talosctl-version', { key: 'talosctlVersion', repeats: false }],
]);

/** The argument list read as `sim get <type> [<id>] [options]`, or undefined when commander should read it. */
export function parsePlainGet(argv: readonly string[]): PlainGet | undefined {
  if (argv[0] !== 'get' && argv[0] !== 'g') return undefined;
  const positional: string[] = [];
  const values = new Map<keyof GetOptions, string[]>();
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const option = VALUE_OPTIONS.get(flag);
    if (option === undefined) return undefined;
    let value: string | undefined;
    if (eq === -1) {
      value = argv[++i];
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
