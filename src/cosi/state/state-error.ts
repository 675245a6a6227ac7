// Errors of the state layer, with cosi's exact messages. Callers classify them with the
// predicates, never by message text.
import { goQuote } from '../../gofmt/index.js';
import { type Reference, referenceString, versionString } from '../resource/pointer.js';

export type StateErrorKind =
  | 'notFound'
  | 'alreadyExists'
  | 'versionConflict'
  | 'ownerConflict'
  | 'ownerAlreadySet'
  | 'phaseConflict'
  | 'pendingFinalizers'
  | 'invalidBookmark'
  | 'invalidOptions'
  | 'bufferOverrun';

export class StateError extends Error {
  override readonly name = 'StateError';
  readonly kind: StateErrorKind;
  constructor(kind: StateErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

const CONFLICTS: ReadonlySet<StateErrorKind> = new Set([
  'alreadyExists',
  'versionConflict',
  'ownerConflict',
  'phaseConflict',
  'pendingFinalizers',
]);

export function isStateError(err: unknown): err is StateError {
  return err instanceof StateError;
}

function kindOf(err: unknown): StateErrorKind | undefined {
  return isStateError(err) ? err.kind : undefined;
}

export const isNotFound = (err: unknown): boolean => kindOf(err) === 'notFound';
/** True for every conflict flavour: already exists, version, owner, phase, pending finalizers. */
export const isConflict = (err: unknown): boolean => CONFLICTS.has(kindOf(err) as StateErrorKind);
export const isOwnerConflict = (err: unknown): boolean => kindOf(err) === 'ownerConflict';
export const isPhaseConflict = (err: unknown): boolean => kindOf(err) === 'phaseConflict';
export const isInvalidBookmark = (err: unknown): boolean => kindOf(err) === 'invalidBookmark';

/**
 * Makes an error without capturing a stack trace. A not-found answer is control flow (controllers create what is
 * missing, a fleet of nodes asks thousands of times at boot), and capturing V8's stack was a fifth of a boot; as in
 * Go, the message says everything there is to know.
 */
function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The messages, built in one place. */
export const stateErrors = {
  notFound: (r: Reference) =>
    withoutStack(() => new StateError('notFound', `resource ${referenceString(r)} doesn't exist`)),
  alreadyExists: (r: Reference) => new StateError('alreadyExists', `resource ${referenceString(r)} already exists`),
  versionConflict: (stored: Reference, expected: number | undefined) =>
    new StateError(
      'versionConflict',
      `resource ${referenceString(stored)} update conflict: expected version ${goQuote(versionString(expected))}, actual version ${goQuote(versionString(stored.version))}`,
    ),
  ownerConflict: (stored: Reference, owner: string) =>
    new StateError('ownerConflict', `resource ${referenceString(stored)} is owned by ${goQuote(owner)}`),
  phaseConflict: (stored: Reference, expected: string) =>
    new StateError('phaseConflict', `resource ${referenceString(stored)} is not in phase ${expected}`),
  pendingFinalizers: (stored: Reference & { readonly finalizers: readonly string[] }) =>
    new StateError(
      'pendingFinalizers',
      `resource ${referenceString(stored)} has pending finalizers [${stored.finalizers.join(' ')}]`,
    ),
  ownerAlreadySet: (owner: string) => new StateError('ownerAlreadySet', `owner is already set to ${goQuote(owner)}`),
  invalidBookmark: () => new StateError('invalidBookmark', 'invalid watch bookmark'),
  invalidOptions: (message: string) => new StateError('invalidOptions', message),
  bufferOverrun: (namespace: string, type: string, writePos: number, pos: number, capacity: number) =>
    new StateError(
      'bufferOverrun',
      `buffer overrun: namespace ${goQuote(namespace)} type ${goQuote(type)}, write pos ${writePos}, pos ${pos}, capacity ${capacity}`,
    ),
} as const;
