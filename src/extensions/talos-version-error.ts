// Errors about Talos versions given to talos-sim (command line, options): not a version, or older than v1.0.0,
// the first release with system extensions.
import { goQuote } from '../gofmt/index.js';

export type TalosVersionErrorKind = 'invalid' | 'predates-extensions';

function message(kind: TalosVersionErrorKind, input: string): string {
  switch (kind) {
    case 'invalid':
      return `invalid Talos version ${goQuote(input)}: expected a semantic version such as v1.10.0`;
    case 'predates-extensions':
      return `Talos version ${goQuote(input)} predates system extensions (introduced in v1.0.0)`;
  }
}

export class TalosVersionError extends Error {
  readonly kind: TalosVersionErrorKind;
  readonly input: string;
  constructor(kind: TalosVersionErrorKind, input: string) {
    super(message(kind, input));
    this.name = 'TalosVersionError';
    this.kind = kind;
    this.input = input;
  }
}

export function isTalosVersionError(err: unknown): err is TalosVersionError {
  return err instanceof TalosVersionError;
}
