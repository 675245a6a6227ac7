// Errors of the printers, with talosctl's exact texts. Messages are built here only.
import { goQuote } from '../gofmt/index.js';

export type OutputErrorKind =
  /** `-o` value not known: `output format "x" is not supported` */
  | 'unsupported-format'
  /** `-o jsonpath=…` does not parse: `error parsing jsonpath: <err>` */
  | 'jsonpath-parse'
  /** a resource's JSONPath evaluation failed: `error finding result for jsonpath: <err>` (caller collects these) */
  | 'jsonpath-result'
  /** a JSONPath result could not be printed: `error generating jsonpath results: <err>` */
  | 'jsonpath-print'
  /** a print column's JSONPath does not parse: `error parsing column "Name" jsonpath: <err>` */
  | 'column-parse'
  /** a print column's JSONPath failed on a resource: the bare evaluator error, as talosctl returns it */
  | 'column-eval'
  /** Go's encoding/json refused a value: `json: unsupported value: NaN` */
  | 'json-encode';

export class OutputError extends Error {
  readonly kind: OutputErrorKind;
  private constructor(kind: OutputErrorKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'OutputError';
    this.kind = kind;
  }

  static unsupportedFormat(format: string): OutputError {
    return new OutputError('unsupported-format', `output format ${goQuote(format)} is not supported`);
  }

  static jsonPathParse(cause: Error): OutputError {
    return new OutputError('jsonpath-parse', `error parsing jsonpath: ${cause.message}`, cause);
  }

  static jsonPathResult(cause: Error): OutputError {
    return new OutputError('jsonpath-result', `error finding result for jsonpath: ${cause.message}`, cause);
  }

  static jsonPathPrint(cause: Error): OutputError {
    return new OutputError('jsonpath-print', `error generating jsonpath results: ${cause.message}`, cause);
  }

  static columnParse(column: string, cause: Error): OutputError {
    return new OutputError('column-parse', `error parsing column ${goQuote(column)} jsonpath: ${cause.message}`, cause);
  }

  static columnEval(cause: Error): OutputError {
    return new OutputError('column-eval', cause.message, cause);
  }

  static jsonEncode(cause: Error): OutputError {
    return new OutputError('json-encode', cause.message, cause);
  }
}

export function isOutputError(err: unknown): err is OutputError {
  return err instanceof OutputError;
}

/** The per-resource JSONPath failures talosctl collects and prints at the end (exit status 1). */
export function isJsonPathResultError(err: unknown): err is OutputError {
  return isOutputError(err) && err.kind === 'jsonpath-result';
}
