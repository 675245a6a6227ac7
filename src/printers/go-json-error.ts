// Errors of Go's encoding/json as its messages read.

export type GoJsonErrorKind = 'unsupported-value' | 'unsupported-type' | 'time-out-of-range';

export class GoJsonError extends Error {
  readonly kind: GoJsonErrorKind;
  private constructor(kind: GoJsonErrorKind, message: string) {
    super(message);
    this.name = 'GoJsonError';
    this.kind = kind;
  }

  /** NaN and ±Inf: `json: unsupported value: NaN`. */
  static unsupportedValue(text: string): GoJsonError {
    return new GoJsonError('unsupported-value', `json: unsupported value: ${text}`);
  }

  static unsupportedType(goType: string): GoJsonError {
    return new GoJsonError('unsupported-type', `json: unsupported type: ${goType}`);
  }

  static timeOutOfRange(): GoJsonError {
    return new GoJsonError(
      'time-out-of-range',
      'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]',
    );
  }
}

export function isGoJsonError(err: unknown): err is GoJsonError {
  return err instanceof GoJsonError;
}
