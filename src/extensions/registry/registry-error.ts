// Errors of the simulated registry: references it cannot parse, images it does not hold, pins that do not match.
import { goQuote } from '../../gofmt/index.js';
import { DetailedError } from '../detailed-error.js';

export type RegistryErrorKind =
  | 'invalid-reference'
  | 'repository-not-found'
  | 'tag-not-found'
  | 'digest-not-found'
  | 'digest-mismatch';

export type RegistryErrorDetail =
  | { readonly kind: 'invalid-reference'; readonly reference: string; readonly reason: string }
  | { readonly kind: 'repository-not-found'; readonly reference: string; readonly repository: string }
  | { readonly kind: 'tag-not-found'; readonly reference: string; readonly repository: string; readonly tag: string }
  | {
      readonly kind: 'digest-not-found';
      readonly reference: string;
      readonly repository: string;
      readonly digest: string;
      /** What the reference's tag points to, when it has one the registry knows. */
      readonly tagDigest?: string;
    }
  | { readonly kind: 'digest-mismatch'; readonly reference: string; readonly digest: string; readonly actual: string };

function message(d: RegistryErrorDetail): string {
  const ref = goQuote(d.reference);
  switch (d.kind) {
    case 'invalid-reference':
      return `invalid image reference ${ref}: ${d.reason}`;
    case 'repository-not-found':
      return `image ${ref} not found: repository ${d.repository} does not exist`;
    case 'tag-not-found':
      return `image ${ref} not found: no tag ${goQuote(d.tag)} in ${d.repository}`;
    case 'digest-not-found':
      return d.tagDigest === undefined
        ? `image ${ref} not found: no image with digest ${d.digest} in ${d.repository}`
        : `image ${ref} does not match its pin: the tag points to ${d.tagDigest} and no image in ${d.repository} has digest ${d.digest}`;
    case 'digest-mismatch':
      return `cannot push ${ref}: the image content has digest ${d.actual}, not ${d.digest}`;
  }
}

export class RegistryError extends DetailedError<RegistryErrorDetail> {
  constructor(detail: RegistryErrorDetail) {
    super('RegistryError', detail, message(detail));
  }
}

export function isRegistryError(err: unknown): err is RegistryError {
  return err instanceof RegistryError;
}
