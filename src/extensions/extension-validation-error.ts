// Errors of validating an extension (Talos's `Validate`): the compatibility constraint and the contents checks.

import { goQuote } from '../gofmt/index.js';
import type { VersionRangeError } from './constraint/version-range-error.js';
import { DetailedError } from './detailed-error.js';

export type ExtensionValidationErrorKind =
  | 'constraint-parse'
  | 'constraint-unsatisfied'
  | 'constraint-evaluation'
  | 'world-writable'
  | 'special-file'
  | 'path-not-allowed';

export type ExtensionValidationErrorDetail =
  | { readonly kind: 'constraint-parse'; readonly constraint: string; readonly cause: VersionRangeError }
  | { readonly kind: 'constraint-unsatisfied'; readonly constraint: string; readonly talosVersion: string }
  | { readonly kind: 'constraint-evaluation'; readonly constraint: string; readonly cause: VersionRangeError }
  | { readonly kind: 'world-writable' | 'special-file' | 'path-not-allowed'; readonly path: string };

function message(d: ExtensionValidationErrorDetail): string {
  switch (d.kind) {
    case 'constraint-parse':
      return `error parsing Talos version constraint: ${d.cause.message}`;
    case 'constraint-unsatisfied':
      return `version constraint ${d.constraint} can't be satisfied with Talos version ${d.talosVersion}`;
    case 'constraint-evaluation':
      // upstream panics here (a nil blang Range is called); talos-sim reports the panic value instead
      return `error evaluating Talos version constraint ${d.constraint}: ${d.cause.message}`;
    case 'world-writable':
      return `world-writeable files are not allowed: ${goQuote(d.path)}`;
    case 'special-file':
      return `special files are not allowed: ${goQuote(d.path)}`;
    case 'path-not-allowed':
      return `path ${goQuote(d.path)} is not allowed in extensions`;
  }
}

export class ExtensionValidationError extends DetailedError<ExtensionValidationErrorDetail> {
  constructor(detail: ExtensionValidationErrorDetail) {
    super('ExtensionValidationError', detail, message(detail));
  }
}

export function isExtensionValidationError(err: unknown): err is ExtensionValidationError {
  return err instanceof ExtensionValidationError;
}

/** True for the constraint failures (parse, unsatisfied, evaluation), false for contents failures. */
export function isConstraintError(err: unknown): err is ExtensionValidationError {
  return isExtensionValidationError(err) && err.kind.startsWith('constraint-');
}
