// Errors of the JSONPath parser and evaluator; `message` is the Go error text talosctl prints after its prefix.

export type JsonPathErrorKind = 'parse' | 'eval';

export class JsonPathError extends Error {
  readonly kind: JsonPathErrorKind;
  private constructor(kind: JsonPathErrorKind, message: string) {
    super(message);
    this.name = 'JsonPathError';
    this.kind = kind;
  }

  static parse(message: string): JsonPathError {
    return new JsonPathError('parse', message);
  }

  static eval(message: string): JsonPathError {
    return new JsonPathError('eval', message);
  }
}

export function isJsonPathError(err: unknown): err is JsonPathError {
  return err instanceof JsonPathError;
}

export function isJsonPathParseError(err: unknown): err is JsonPathError {
  return isJsonPathError(err) && err.kind === 'parse';
}

export function isJsonPathEvalError(err: unknown): err is JsonPathError {
  return isJsonPathError(err) && err.kind === 'eval';
}

/** The texts, in one place. */
export const JsonPathMessages = {
  unclosedAction: 'unclosed action',
  unrecognizedCharacter: (rune: string) => `unrecognized character in action: ${rune}`,
  cannotParseNumber: (text: string) => `cannot parse number ${text}`,
  unterminatedArray: 'unterminated array',
  invalidArrayIndex: (text: string) => `invalid array index ${text}`,
  arrayIndexNotNumber: (text: string) => `array index ${text} is not a number`,
  unterminatedFilter: 'unterminated filter',
  unclosedArrayExpectBracket: 'unclosed array expect ]',
  unterminatedQuotedString: 'unterminated quoted string',
  unquoteError: (text: string) => `unquote string ${text} error invalid syntax`,
  multipleRecursiveDescent: 'invalid multiple recursive descent',
  notFound: (name: string) => `${name} is not found`,
  notInRange: 'not in range, nothing to end',
  unrecognizedIdentifier: (name: string) => `unrecognized identifier ${name}`,
  notArray: (goType: string) => `${goType} is not array or slice`,
  notFilterable: (goValue: string) => `${goValue} is not array or slice and cannot be filtered`,
  indexOutOfBounds: (index: bigint, length: number) => `array index out of bounds: index ${index}, length ${length}`,
  startAfterEnd: (start: bigint, end: bigint) => `starting index ${start} is greater than ending index ${end}`,
  stepNotPositive: 'step must be > 0',
  compareOneElement: 'can only compare one element at a time',
  unrecognizedOperator: (op: string) => `unrecognized filter operator ${op}`,
  invalidComparisonType: 'invalid type for comparison',
  incompatibleComparison: 'incompatible types for comparison',
  // what the Go evaluator panics with when it indexes the "no value" it ranges over for an empty range
  zeroValueType: 'reflect: call of reflect.Value.Type on zero Value',
} as const;
