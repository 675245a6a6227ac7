// Errors of the service supervisor. `failed` carries the Go error text a service run ends with (it becomes the
// Failed event's message); `canceled` is Go's context.Canceled; the others are the API's refusals, with
// machined's texts.
import { DetailedError } from '../extensions/detailed-error.js';
import { goQuote } from '../gofmt/index.js';

export type ServiceErrorDetail =
  | { readonly kind: 'not-defined'; readonly id: string }
  | { readonly kind: 'api-not-allowed'; readonly id: string; readonly operation: 'start' | 'stop' | 'restart' }
  | { readonly kind: 'canceled' }
  | { readonly kind: 'failed'; readonly text: string }
  | { readonly kind: 'shut-down' };

export type ServiceErrorKind = ServiceErrorDetail['kind'];

function message(d: ServiceErrorDetail): string {
  switch (d.kind) {
    case 'not-defined':
      return `service ${goQuote(d.id)} not defined`;
    case 'api-not-allowed':
      return `service ${goQuote(d.id)} doesn't support ${d.operation} operation via API`;
    case 'canceled':
      return 'context canceled';
    case 'failed':
      return d.text;
    case 'shut-down':
      return 'the service supervisor is shut down';
  }
}

export class ServiceError extends DetailedError<ServiceErrorDetail> {
  constructor(detail: ServiceErrorDetail) {
    super('ServiceError', detail, message(detail));
  }

  static failed(text: string): ServiceError {
    return new ServiceError({ kind: 'failed', text });
  }

  static readonly canceled = (): ServiceError => new ServiceError({ kind: 'canceled' });
}

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof ServiceError;
}

export function isCanceled(err: unknown): boolean {
  return err instanceof ServiceError && err.kind === 'canceled';
}

/** The Go error text of anything a service step threw. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
