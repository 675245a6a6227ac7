// What a kept cluster's cluster.json must hold before a command trusts it: the file is the user's, and may have been
// edited by hand or by another program. A problem is said in one line; nothing is replayed from a state that has one.
import { MAX_TIME_MS } from '../cosi/index.js';
import { goQuote } from '../gofmt/index.js';
import { SERVICE_ACTIONS, type ServiceAction } from './cluster-operation.js';

const OPERATION_KINDS: ReadonlySet<string> = new Set(['upgrade', 'reboot', 'apply-config', 'service', 'hold']);

/** What is wrong with a parsed cluster.json (a file edited by hand, or by another program), if anything. */
export function stateProblem(state: unknown, name: string): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const isTime = (v: unknown) => typeof v === 'number' && Math.abs(v) <= MAX_TIME_MS;
  if (!isObject(state) || state.format !== 1) return 'unknown format (expected format 1)';
  if (state.name !== name) return `it names cluster ${goQuote(String(state.name))}`;
  const { scenario, clock, journal } = state;
  if (!isObject(scenario) || !['text', 'baseDir', 'file'].every((k) => typeof scenario[k] === 'string')) {
    return 'scenario: expected text, baseDir and file';
  }
  if (!isTime(state.createdAt)) return 'createdAt: expected a time in ms';
  if (!isObject(clock) || !isTime(clock.start) || typeof clock.follow !== 'boolean') {
    return 'clock: expected start (a time in ms) and follow (true or false)';
  }
  if (!Array.isArray(journal)) return 'journal: expected a list';
  for (const [i, entry] of journal.entries()) {
    const operation = isObject(entry) ? entry.operation : undefined;
    if (
      !isObject(entry) ||
      !isTime(entry.at) ||
      !isObject(operation) ||
      ![undefined, true].includes(entry.failed as never)
    ) {
      return `journal[${i}]: expected at (a time in ms), an operation and perhaps failed: true`;
    }
    if (!OPERATION_KINDS.has(String(operation.kind)) || typeof operation.node !== 'string') {
      return `journal[${i}].operation: expected a node and a kind of ${[...OPERATION_KINDS].join(', ')}`;
    }
    if (!operationFieldsValid(operation)) return `journal[${i}].operation: unexpected fields for ${operation.kind}`;
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
