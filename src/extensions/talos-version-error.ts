// Errors about Talos versions given to talos-sim (command line, options): not a version, older than v1.0.0 (the
// first release with system extensions), or a version that was never released.
import { goQuote } from '../gofmt/index.js';

export type TalosVersionErrorKind = 'invalid' | 'predates-extensions' | 'unreleased' | 'not-a-release-tag';

function message(kind: TalosVersionErrorKind, input: string, newest: string | undefined): string {
  switch (kind) {
    case 'invalid':
      return `invalid Talos version ${goQuote(input)}: expected a semantic version such as v1.10.0`;
    case 'predates-extensions':
      return `Talos version ${goQuote(input)} predates system extensions (introduced in v1.0.0)`;
    case 'unreleased': {
      const line = /^v?\d+\.\d+/.exec(newest ?? '')?.[0] ?? '';
      return `Talos ${input} was never released: the newest ${line} release talos-sim knows is ${newest}`;
    }
    case 'not-a-release-tag':
      return `Talos ${input} was never released: pre-releases are tagged vX.Y.0-alpha.N, -beta.N or -rc.N`;
  }
}

export class TalosVersionError extends Error {
  readonly kind: TalosVersionErrorKind;
  readonly input: string;
  /** For `unreleased`: the newest known release of the version's line. */
  readonly newest: string | undefined;
  constructor(kind: TalosVersionErrorKind, input: string, newest?: string) {
    super(message(kind, input, newest));
    this.newest = newest;
    this.name = 'TalosVersionError';
    this.kind = kind;
    this.input = input;
  }
}

export function isTalosVersionError(err: unknown): err is TalosVersionError {
  return err instanceof TalosVersionError;
}
