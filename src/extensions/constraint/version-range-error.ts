// Errors of the blang/semver v4 range grammar, with the library's exact texts (spec talos-extensions §2.5).
import { goQuote } from '../../gofmt/index.js';
import { DetailedError } from '../detailed-error.js';

export type VersionRangeErrorKind =
  | 'no-version'
  | 'leading-or'
  | 'trailing-or'
  | 'invalid-comparator'
  | 'invalid-version'
  | 'empty-alternative'
  | 'no-comparison';

export type VersionRangeErrorDetail =
  | { readonly kind: 'no-version'; readonly token: string }
  | { readonly kind: 'leading-or' | 'trailing-or' }
  | { readonly kind: 'invalid-comparator'; readonly token: string; readonly operator: string }
  | { readonly kind: 'invalid-version'; readonly token: string; readonly version: string; readonly reason: string }
  | { readonly kind: 'empty-alternative' }
  | { readonly kind: 'no-comparison'; readonly source: string };

function message(d: VersionRangeErrorDetail): string {
  switch (d.kind) {
    case 'no-version':
      return `Could not get version from string: ${goQuote(d.token)}`;
    case 'leading-or':
      return "First element in range is '||'";
    case 'trailing-or':
      return "Last element in range is '||'";
    case 'invalid-comparator':
      return `Could not parse Range ${goQuote(d.token)}: Could not parse comparator ${goQuote(d.operator)} in ${goQuote(d.token)}`;
    case 'invalid-version':
      return `Could not parse Range ${goQuote(d.token)}: Could not parse version ${goQuote(d.version)} in ${goQuote(d.token)}: ${d.reason}`;
    case 'no-comparison':
      // blang's own text for an empty token list (its splitter drops one-byte tokens such as "*" and every space);
      // the detail keeps the source that held no comparison
      return "Last element in range is '||'";
    case 'empty-alternative':
      // blang builds a nil Range for an empty `||` alternative; Go panics with this text when it is called
      return 'runtime error: invalid memory address or nil pointer dereference';
  }
}

/**
 * A range the grammar rejects (thrown by parseVersionRange), or — kind `empty-alternative` — a range that parsed
 * but cannot be evaluated for a version (thrown by VersionRange.test, where upstream panics).
 */
export class VersionRangeError extends DetailedError<VersionRangeErrorDetail> {
  constructor(detail: VersionRangeErrorDetail) {
    super('VersionRangeError', detail, message(detail));
  }
}

export function isVersionRangeError(err: unknown): err is VersionRangeError {
  return err instanceof VersionRangeError;
}
