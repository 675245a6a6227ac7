// Errors of the encoder: values that have no Go counterpart. Messages are built here only.

export type GoYamlErrorKind =
  | 'unsupported-value'
  | 'unsupported-key'
  | 'cyclic-value'
  | 'invalid-date'
  | 'invalid-string'
  | 'too-deep'
  | 'unknown-flavour'
  | 'syntax';

export class GoYamlError extends Error {
  readonly kind: GoYamlErrorKind;
  private constructor(kind: GoYamlErrorKind, message: string) {
    super(message);
    this.name = 'GoYamlError';
    this.kind = kind;
  }

  static unsupportedValue(what: string): GoYamlError {
    return new GoYamlError('unsupported-value', `cannot marshal ${what} as YAML: it has no Go counterpart`);
  }

  static unsupportedKey(what: string): GoYamlError {
    return new GoYamlError(
      'unsupported-key',
      `cannot marshal a Map key of type ${what}: only string keys are supported`,
    );
  }

  static cyclicValue(): GoYamlError {
    return new GoYamlError('cyclic-value', 'cannot marshal a cyclic value as YAML');
  }

  static invalidDate(): GoYamlError {
    return new GoYamlError('invalid-date', 'cannot marshal an invalid Date as YAML');
  }

  static invalidString(): GoYamlError {
    return new GoYamlError('invalid-string', 'cannot marshal a string with an unpaired UTF-16 surrogate as YAML');
  }

  static tooDeep(limit: number): GoYamlError {
    return new GoYamlError('too-deep', `cannot marshal a value nested more than ${limit} levels deep`);
  }

  static syntax(detail: string): GoYamlError {
    return new GoYamlError('syntax', `cannot decode the YAML text: ${detail}`);
  }

  static unknownFlavour(flavour: string): GoYamlError {
    return new GoYamlError('unknown-flavour', `unknown go-yaml flavour "${flavour}" (expected v3, rc3, rc4 or rc6)`);
  }
}

export function isGoYamlError(err: unknown): err is GoYamlError {
  return err instanceof GoYamlError;
}
