// Internal: a failed evaluation step together with the values Go's evaluator returns alongside its error.
// Only an existence filter looks at those values (Go keeps the item when they are not empty); everything
// else turns the failure into a JsonPathError.
import type { JsonPathValue } from './jsonpath-value.js';

export class EvalFailure extends Error {
  readonly partial: readonly JsonPathValue[];
  constructor(message: string, partial: readonly JsonPathValue[]) {
    super(message);
    this.name = 'EvalFailure';
    this.partial = partial;
  }
}
