// Errors of reading an extension service definition: `decode` carries go-yaml's text as the controller wraps it
// (`error unmarshalling extension service config: <yaml error>`), `invalid` the multierror text of Validate().

import { formatMultierror } from '../../gofmt/index.js';
import { DetailedError } from '../detailed-error.js';

export type ServiceSpecErrorDetail =
  | { readonly kind: 'decode'; readonly yamlError: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export type ServiceSpecErrorKind = ServiceSpecErrorDetail['kind'];

function message(d: ServiceSpecErrorDetail): string {
  return d.kind === 'decode'
    ? `error unmarshalling extension service config: ${d.yamlError}`
    : formatMultierror(d.problems);
}

export class ServiceSpecError extends DetailedError<ServiceSpecErrorDetail> {
  constructor(detail: ServiceSpecErrorDetail) {
    super('ServiceSpecError', detail, message(detail));
  }
}

export function isServiceSpecError(err: unknown): err is ServiceSpecError {
  return err instanceof ServiceSpecError;
}
