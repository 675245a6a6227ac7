// How errors look once they crossed the COSI gRPC API: `rpc error: code = <Code> desc = <message>`.
import { StateError } from '../state/state-error.js';

export type StatusCode =
  | 'Canceled'
  | 'Unknown'
  | 'InvalidArgument'
  | 'NotFound'
  | 'AlreadyExists'
  | 'PermissionDenied'
  | 'FailedPrecondition'
  | 'Unimplemented'
  | 'Internal';

export class StatusError extends Error {
  override readonly name = 'StatusError';
  readonly code: StatusCode;
  /** The gRPC code, under the name every talos-sim error gives its kind. */
  readonly kind: StatusCode;
  readonly description: string;
  constructor(code: StatusCode, description: string) {
    super(`rpc error: code = ${code} desc = ${description}`);
    this.code = code;
    this.kind = code;
    this.description = description;
  }
}

export const isStatusError = (err: unknown, code?: StatusCode): err is StatusError =>
  err instanceof StatusError && (code === undefined || err.code === code);

/** The state operation an error came from; the cosi server maps some conflicts per operation. */
export type StateVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'destroy' | 'teardown';

/** The cosi server's mapping of state errors to gRPC codes. */
export function toStatusError(err: unknown, verb: StateVerb): StatusError {
  if (err instanceof StatusError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof StateError)) return new StatusError('Unknown', message);
  switch (err.kind) {
    case 'notFound':
      return new StatusError('NotFound', message);
    case 'ownerConflict':
      return new StatusError('PermissionDenied', message);
    case 'phaseConflict':
      return new StatusError(verb === 'update' ? 'InvalidArgument' : 'FailedPrecondition', message);
    case 'alreadyExists':
      return new StatusError(verb === 'create' ? 'AlreadyExists' : 'FailedPrecondition', message);
    case 'versionConflict':
    case 'pendingFinalizers':
    case 'invalidBookmark':
      return new StatusError('FailedPrecondition', message);
    default:
      return new StatusError('Unknown', message);
  }
}
