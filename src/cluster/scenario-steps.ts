// Scenario steps: what a scenario script does to its cluster after boot, in order, and what it expects to see.
//
//   steps:
//     - advance: 10s
//     - upgrade: { node: 172.20.0.2, talos: v1.13.0, extensions: [example.com/hello:1.0] }
//     - reboot: { node: 172.20.0.2 }
//     - apply-config: { node: 172.20.0.2, config: "version: v1alpha1\n…" }
//     - hold: { node: 172.20.0.2, network: true }          # false releases it; `time` likewise
//     - service: { node: 172.20.0.2, id: ext-tailscale, action: restart }
//     - run: get extensions -n 172.20.0.2
//       expect: { stdout: "…", stderr: { pattern: "^error" }, exitCode: 0 }
import { resolve } from 'node:path';
import { INPUT_LIMITS } from '../extensions/index.js';
import { goQuote, parseGoDuration } from '../gofmt/index.js';
import type { ExtensionInput } from '../imager/index.js';
import { InstallSpecError, installPath } from '../node/index.js';
import { isSafeFsError, readRegularFile } from '../safe-fs/index.js';
import { type ClusterOperation, SERVICE_ACTIONS, type ServiceAction } from './cluster-operation.js';
import type { ValuePath } from './located-yaml.js';
import { canonicalNodeAddress } from './node-address.js';
import type { ScenarioReader } from './scenario-reader.js';
import { splitCommandLine } from './split-command-line.js';
import { knownTalosRelease, readTalosVersion } from './talos-release.js';

/** How a command's output is checked: the exact text, the text of a file, or a regular expression. */
export type OutputExpectation =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string; readonly text: string }
  | { readonly kind: 'pattern'; readonly pattern: RegExp };

export interface RunExpectation {
  readonly stdout?: OutputExpectation;
  readonly stderr?: OutputExpectation;
  readonly exitCode?: number;
}

export type ScenarioStepAction =
  | { readonly kind: 'advance'; readonly ms: number; readonly duration: string }
  | ClusterOperation
  | {
      readonly kind: 'run';
      readonly command: string;
      readonly argv: readonly string[];
      readonly expect: RunExpectation;
    };

export type ScenarioStep = ScenarioStepAction & {
  /** 1-based position in `steps`. */
  readonly index: number;
  /** The line of the step in its file, when read from one. */
  readonly line: number | undefined;
};

export const STEP_KINDS = ['advance', 'upgrade', 'reboot', 'apply-config', 'hold', 'service', 'run'] as const;

/** An official extension Image Factory cannot give: its index in the list (-1: the whole list), and why. */
export interface OfficialProblem {
  readonly index: number;
  readonly reason: string;
}

/** Why Image Factory would refuse these official extensions on a release, if it would (checked before building). */
export type OfficialCheck = (names: readonly string[], talosVersion: string) => OfficialProblem | undefined;

/** Where a problem with the official extensions listed at `list` is reported: the name it is about, or the list. */
export function officialProblemPath(list: ValuePath, problem: OfficialProblem): ValuePath {
  return problem.index < 0 ? list : [...list, problem.index];
}

export interface StepContext {
  /** The addresses of the scenario's nodes, in canonical form (canonicalNodeAddress). */
  readonly addresses: ReadonlySet<string>;
  readonly baseDir: string;
  /** Resolves an extension argument as a node's `extensions` entries are (images, catalog, paths). */
  readonly extensionInput: (arg: string, path: ValuePath) => ExtensionInput;
  /**
   * The release each node boots first, by canonical address: upgrade steps move it on, and after a `run:` step it is
   * unknown (the command may have upgraded the node), so only what is known for certain is checked.
   */
  readonly releases?: ReadonlyMap<string, string>;
  /** Why Image Factory would refuse these official extensions on a release (as for nodes). */
  readonly officialProblem?: OfficialCheck;
}

export function readSteps(r: ScenarioReader, ctx: StepContext): ScenarioStep[] {
  // each node's release as the steps before this one leave it
  const releases = new Map(ctx.releases);
  return (r.list(['steps']) ?? []).map((_, i) => {
    const path: ValuePath = ['steps', i];
    const raw =
      r.mapping(path, [...STEP_KINDS, 'expect']) ??
      r.fail(path, `expected a mapping with one of ${STEP_KINDS.join(', ')}`);
    const kinds = STEP_KINDS.filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1) r.fail(path, `a step has exactly one of ${STEP_KINDS.join(', ')}`);
    const kind = kinds[0] as (typeof STEP_KINDS)[number];
    if (raw.expect !== undefined && kind !== 'run') r.fail([...path, 'expect'], 'only a run step has expectations');
    return { ...readAction(r, kind, [...path, kind], path, ctx, releases), index: i + 1, line: r.line(path) };
  });
}

function readAction(
  r: ScenarioReader,
  kind: (typeof STEP_KINDS)[number],
  at: ValuePath,
  step: ValuePath,
  ctx: StepContext,
  releases: Map<string, string>,
): ScenarioStepAction {
  const node = (keys: string[]): string => {
    r.mapping(at, keys);
    const address = r.requiredString([...at, 'node']);
    if (!ctx.addresses.has(canonicalNodeAddress(address)))
      r.fail([...at, 'node'], `node ${goQuote(address)} is not in the scenario`);
    return address;
  };
  switch (kind) {
    case 'advance': {
      const value = r.at(at);
      const duration = typeof value === 'number' ? `${value}ms` : r.requiredString(at);
      const ms = parseGoDuration(duration);
      if (ms === undefined || ms < 0)
        r.fail(at, `invalid duration ${goQuote(duration)}: expected a Go duration such as 1m30s`);
      return { kind, ms, duration };
    }
    case 'reboot':
      return { kind, node: node(['node']) };
    case 'apply-config':
      return { kind, node: node(['node', 'config']), config: r.requiredString([...at, 'config']) };
    case 'hold': {
      const address = node(['node', 'network', 'time']);
      const network = r.boolean([...at, 'network']);
      const time = r.boolean([...at, 'time']);
      if (network === undefined && time === undefined) r.fail(at, 'a hold step names network, time or both');
      return {
        kind,
        node: address,
        ...(network === undefined ? {} : { network }),
        ...(time === undefined ? {} : { time }),
      };
    }
    case 'service': {
      const address = node(['node', 'id', 'action']);
      const id = r.requiredString([...at, 'id']);
      const action = r.requiredString([...at, 'action']);
      if (!SERVICE_ACTIONS.includes(action as ServiceAction)) {
        r.fail([...at, 'action'], `unknown action ${goQuote(action)} (known: ${SERVICE_ACTIONS.join(', ')})`);
      }
      return { kind, node: address, id, action: action as ServiceAction };
    }
    case 'upgrade': {
      const address = node(['node', 'talos', 'extensions', 'officialExtensions']);
      const talos = readTalosVersion(r, [...at, 'talos']);
      if (talos !== undefined && knownTalosRelease(talos) === undefined) {
        r.fail([...at, 'talos'], `unknown Talos version ${goQuote(talos)}`);
      }
      const extensions = r
        .strings([...at, 'extensions'])
        ?.map((arg, j) => ctx.extensionInput(arg, [...at, 'extensions', j]));
      const officialExtensions = r.strings([...at, 'officialExtensions']);
      if (extensions !== undefined && extensions.length > 0 && officialExtensions !== undefined) {
        r.fail(at, new InstallSpecError({ kind: 'factory-and-imager', talosVersion: talos ?? '' }).message);
      }
      const release =
        talos === undefined ? releases.get(canonicalNodeAddress(address)) : knownTalosRelease(talos)?.version;
      if (release !== undefined) releases.set(canonicalNodeAddress(address), release);
      // on a release known for certain, the installer's own rules (no imager before v1.5)
      const facts = release === undefined ? undefined : knownTalosRelease(release);
      const official = officialExtensions?.length ? officialExtensions : undefined;
      if (facts !== undefined && (extensions?.length || official !== undefined)) {
        try {
          installPath(
            { talosVersion: facts.version, extensions: extensions ?? [], officialExtensions: official },
            facts,
            [],
          );
        } catch (err) {
          r.fail(
            [...at, extensions?.length ? 'extensions' : 'officialExtensions'],
            (err as Error).message,
            err as Error,
          );
        }
      }
      if (release !== undefined && officialExtensions !== undefined && officialExtensions.length > 0) {
        const problem = ctx.officialProblem?.(officialExtensions, release);
        if (problem !== undefined) r.fail(officialProblemPath([...at, 'officialExtensions'], problem), problem.reason);
      }
      return {
        kind,
        node: address,
        ...(talos === undefined ? {} : { talos }),
        ...(extensions === undefined ? {} : { extensions }),
        ...(officialExtensions === undefined ? {} : { officialExtensions }),
      };
    }
    case 'run': {
      // a command (`sim upgrade …`) may change any node's release: from here on the steps do not know them
      releases.clear();
      const command = r.requiredString(at);
      let argv: string[];
      try {
        argv = splitCommandLine(command);
      } catch (err) {
        return r.fail(at, (err as Error).message);
      }
      if (argv[0] === 'sim') argv = argv.slice(1);
      const follows = followingFlag(argv);
      if (follows !== undefined) return r.fail(at, stepMustEnd(follows));
      return { kind, command, argv, expect: readExpectation(r, [...step, 'expect'], ctx.baseDir) };
    }
  }
}

/** Why a command that follows until Ctrl-C (`get -w`) cannot be a step: here, and when a step runs (RunOptions). */
export function stepMustEnd(command: string): string {
  return `${command} runs until interrupted: a step must end by itself`;
}

/** The commands that follow a node until Ctrl-C, and their flag (with its long form). */
const FOLLOWING: Readonly<Record<string, readonly string[]>> = {
  get: ['-w', '--watch'],
  logs: ['-f', '--follow'],
  dmesg: ['-f', '--follow'],
};

/** `get -w` when a command line follows until interrupted (`--watch=true` counts; `--watch=false` does not). */
function followingFlag(argv: readonly string[]): string | undefined {
  for (const [command, flags] of Object.entries(FOLLOWING)) {
    if (!argv.includes(command)) continue;
    const flag = argv.find((a) => flags.includes(a) || flags.some((f) => a === `${f}=true`));
    if (flag !== undefined) return `${command} ${flag}`;
  }
  return undefined;
}

function readExpectation(r: ScenarioReader, at: ValuePath, baseDir: string): RunExpectation {
  const raw = r.mapping(at, ['stdout', 'stderr', 'exitCode']);
  if (raw === undefined) return {};
  const output = (key: 'stdout' | 'stderr'): OutputExpectation | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    // `stdout:` with nothing after it would check nothing: "prints nothing" is `stdout: ""`
    if (value === null) r.fail([...at, key], 'expected the text (`""` for none), or a mapping with file or pattern');
    if (typeof value === 'string') return { kind: 'text', text: value };
    const spec = r.mapping([...at, key], ['file', 'pattern']) ?? {};
    if ((spec.file === undefined) === (spec.pattern === undefined)) {
      r.fail([...at, key], 'expected the text, or a mapping with file or pattern');
    }
    if (spec.file !== undefined) {
      const file = r.requiredString([...at, key, 'file']);
      try {
        const bytes = readRegularFile(resolve(baseDir, file), { maxBytes: INPUT_LIMITS.expectationBytes });
        return { kind: 'file', path: file, text: Buffer.from(bytes).toString('utf8') };
      } catch (err) {
        return r.fail(
          [...at, key, 'file'],
          isSafeFsError(err) && err.detail.kind === 'not-found'
            ? `cannot read ${goQuote(file)}: no such file or directory`
            : `cannot read ${goQuote(file)}: ${(err as Error).message}`,
        );
      }
    }
    const source = r.requiredString([...at, key, 'pattern']);
    try {
      return { kind: 'pattern', pattern: new RegExp(source, 'm') };
    } catch (err) {
      return r.fail([...at, key, 'pattern'], (err as Error).message);
    }
  };
  const exitCode = raw.exitCode;
  if (exitCode !== undefined && (typeof exitCode !== 'number' || !Number.isInteger(exitCode) || exitCode < 0)) {
    r.fail([...at, 'exitCode'], 'expected a non-negative integer');
  }
  const stdout = output('stdout');
  const stderr = output('stderr');
  return {
    ...(stdout === undefined ? {} : { stdout }),
    ...(stderr === undefined ? {} : { stderr }),
    ...(exitCode === undefined ? {} : { exitCode: exitCode as number }),
  };
}
