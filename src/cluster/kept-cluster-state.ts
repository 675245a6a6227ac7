// What a kept cluster's cluster.json holds, how it is written, and what it must hold before a command trusts it: the
// file is the user's, and may have been edited by hand or by another program. A problem is said in one line; nothing
// is replayed from a state that has one. The writer and the reader share one size limit, so that no command writes
// a state the next one cannot read.
import { MAX_TIME_MS } from '../cosi/index.js';
import { goQuote } from '../gofmt/index.js';
import { type ClusterOperation, SERVICE_ACTIONS, type ServiceAction } from './cluster-operation.js';

/** An operation done to a kept cluster at a virtual time, replayed by every later command. */
export interface JournalEntry {
  readonly at: number;
  /** Extensions, if any, are strings: references or absolute paths (so the journal is JSON). */
  readonly operation: ClusterOperation;
  /** It failed, perhaps after part of its work (an upgrade whose new boot failed): replayed, its error ignored. */
  readonly failed?: true;
  /**
   * The images the operation read from paths, by path: the `sha256:<hex>` of the copy kept in the cluster's
   * `images/` directory, replayed instead of whatever the path holds now.
   */
  readonly images?: Readonly<Record<string, string>>;
}

export interface KeptClusterState {
  readonly format: 1;
  readonly name: string;
  /** The scenario's YAML text, and where its relative paths resolve. */
  readonly scenario: { readonly text: string; readonly baseDir: string; readonly file: string };
  /** Wall time of `sim cluster create`. */
  readonly createdAt: number;
  /** Virtual time at boot; `follow`: virtual time advances with wall time between commands. */
  readonly clock: { readonly start: number; readonly follow: boolean };
  readonly journal: readonly JournalEntry[];
}

/** The most a cluster.json may hold: the scenario text (16 MiB at most) and the journal. */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/** cluster.json's text for a state. */
export function stateText(state: KeptClusterState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

const OPERATION_KINDS: ReadonlySet<string> = new Set(['upgrade', 'reboot', 'apply-config', 'service', 'hold']);
const STATE_FIELDS = ['format', 'name', 'scenario', 'createdAt', 'clock', 'journal'];
const ENTRY_FIELDS = ['at', 'operation', 'failed', 'images'];
const OPERATION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  upgrade: ['talos', 'extensions', 'officialExtensions'],
  reboot: [],
  'apply-config': ['config'],
  service: ['id', 'action'],
  hold: ['network', 'time'],
};
/** How a kept image is named in a journal entry. */
export const KEPT_IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown) => typeof v === 'number' && Math.abs(v) <= MAX_TIME_MS;

/** `unknown field "x"` (or fields) of an object beyond those it may have. */
function unknownFields(v: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const unknown = Object.keys(v).filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return undefined;
  return `unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => goQuote(k)).join(', ')}`;
}

/** What is wrong with a parsed cluster.json (a file edited by hand, or by another program), if anything. */
export function stateProblem(state: unknown, name: string): string | undefined {
  if (!isObject(state) || state.format !== 1) return 'unknown format (expected format 1)';
  if (state.name !== name) return `it names cluster ${goQuote(String(state.name))}`;
  const extra = unknownFields(state, STATE_FIELDS);
  if (extra !== undefined) return extra;
  const { scenario, clock, journal } = state;
  if (!isObject(scenario) || !['text', 'baseDir', 'file'].every((k) => typeof scenario[k] === 'string')) {
    return 'scenario: expected text, baseDir and file';
  }
  const scenarioExtra = unknownFields(scenario, ['text', 'baseDir', 'file']);
  if (scenarioExtra !== undefined) return `scenario: ${scenarioExtra}`;
  if (!isTime(state.createdAt)) return 'createdAt: expected a time in ms';
  if (!isObject(clock) || !isTime(clock.start) || typeof clock.follow !== 'boolean') {
    return 'clock: expected start (a time in ms) and follow (true or false)';
  }
  const clockExtra = unknownFields(clock, ['start', 'follow']);
  if (clockExtra !== undefined) return `clock: ${clockExtra}`;
  if (!Array.isArray(journal)) return 'journal: expected a list';
  for (const [i, entry] of journal.entries()) {
    const problem = entryProblem(entry);
    if (problem !== undefined) return `journal[${i}]${problem}`;
  }
  return undefined;
}

/** What is wrong with one journal entry, after its `journal[i]` (the writer asks too, before it journals one). */
export function entryProblem(entry: unknown): string | undefined {
  const operation = isObject(entry) ? entry.operation : undefined;
  if (
    !isObject(entry) ||
    !isTime(entry.at) ||
    !isObject(operation) ||
    ![undefined, true].includes(entry.failed as never)
  ) {
    return ': expected at (a time in ms), an operation and perhaps failed: true';
  }
  const extra = unknownFields(entry, ENTRY_FIELDS);
  if (extra !== undefined) return `: ${extra}`;
  const kind = String(operation.kind);
  if (!OPERATION_KINDS.has(kind) || typeof operation.node !== 'string') {
    return `.operation: expected a node and a kind of ${[...OPERATION_KINDS].join(', ')}`;
  }
  const operationExtra = unknownFields(operation, ['kind', 'node', ...(OPERATION_FIELDS[kind] ?? [])]);
  if (operationExtra !== undefined) return `.operation: ${operationExtra} for ${kind}`;
  if (!operationFieldsValid(operation)) return `.operation: unexpected fields for ${kind}`;
  const { images } = entry;
  if (images !== undefined) {
    const paths: unknown[] = kind === 'upgrade' && Array.isArray(operation.extensions) ? operation.extensions : [];
    if (
      !isObject(images) ||
      !Object.entries(images).every(([path, digest]) => paths.includes(path) && KEPT_IMAGE_DIGEST.test(String(digest)))
    ) {
      return '.images: expected sha256:<hex> digests by extension path of the operation';
    }
  }
  return undefined;
}

/** The fields each kind of journaled operation has, with their types (extensions are strings in a journal). */
function operationFieldsValid(op: Record<string, unknown>): boolean {
  const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const boolean = (v: unknown) => typeof v === 'boolean';
  switch (op.kind) {
    case 'upgrade':
      return (
        optional(op.talos, (v) => typeof v === 'string') &&
        optional(op.extensions, strings) &&
        optional(op.officialExtensions, strings)
      );
    case 'apply-config':
      return typeof op.config === 'string';
    case 'service':
      return typeof op.id === 'string' && SERVICE_ACTIONS.includes(op.action as ServiceAction);
    case 'hold':
      return optional(op.network, boolean) && optional(op.time, boolean);
    default:
      return true;
  }
}
