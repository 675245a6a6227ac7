// Errors of blang/semver's strict version parser (`semver.Parse`), with the library's exact texts.
import { goQuote } from '../../gofmt/index.js';
import { DetailedError } from '../detailed-error.js';

export type BlangVersionErrorKind =
  | 'empty'
  | 'missing-elements'
  | 'invalid-character'
  | 'leading-zeroes'
  | 'number-syntax'
  | 'empty-prerelease'
  | 'empty-build';

/** Which part of the version an error is about; blang names them in its messages. */
export type BlangVersionPart = 'major' | 'minor' | 'patch' | 'prerelease' | 'build';

export type BlangVersionErrorDetail =
  | { readonly kind: 'empty' | 'missing-elements' | 'empty-prerelease' | 'empty-build' }
  | { readonly kind: 'invalid-character' | 'leading-zeroes'; readonly part: BlangVersionPart; readonly value: string }
  | { readonly kind: 'number-syntax'; readonly text: string };

function message(d: BlangVersionErrorDetail): string {
  switch (d.kind) {
    case 'empty':
      return 'Version string empty';
    case 'missing-elements':
      return 'No Major.Minor.Patch elements found';
    case 'empty-prerelease':
      return 'Prerelease is empty';
    case 'empty-build':
      return 'Build meta data is empty';
    case 'number-syntax':
      return d.text;
    case 'invalid-character':
      return `Invalid character(s) found in ${d.part === 'build' ? 'build meta data' : d.part === 'prerelease' ? 'prerelease' : `${d.part} number`} ${goQuote(d.value)}`;
    case 'leading-zeroes':
      return d.part === 'prerelease'
        ? `Numeric PreRelease version must not contain leading zeroes ${goQuote(d.value)}`
        : `${d.part[0]?.toUpperCase()}${d.part.slice(1)} number must not contain leading zeroes ${goQuote(d.value)}`;
  }
}

/** A version string blang's `semver.Parse` rejects. */
export class BlangVersionError extends DetailedError<BlangVersionErrorDetail> {
  constructor(detail: BlangVersionErrorDetail) {
    super('BlangVersionError', detail, message(detail));
  }
}

export function isBlangVersionError(err: unknown): err is BlangVersionError {
  return err instanceof BlangVersionError;
}
