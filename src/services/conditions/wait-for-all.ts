// conditions.WaitForAll: every condition must be met. Nested ones are flattened into one list; each is forgotten
// (and drops out of the description) as soon as it finishes; failures are collected in completion order, and a
// cancellation among them wins (Go returns context.Canceled alone).
import { formatMultierror } from '../../gofmt/index.js';
import { isCanceled, ServiceError } from '../service-error.js';
import type { Condition } from './condition.js';

export class AllCondition implements Condition {
  readonly #conditions: (Condition | null)[];

  constructor(conditions: readonly Condition[]) {
    this.#conditions = conditions.flatMap((c) => (c instanceof AllCondition ? c.#conditions.filter(isCondition) : [c]));
  }

  describe(): string {
    return this.#conditions
      .filter(isCondition)
      .map((c) => c.describe())
      .join(', ');
  }

  async wait(signal: AbortSignal): Promise<void> {
    const failures: unknown[] = [];
    await Promise.all(
      this.#conditions.map((c, i) =>
        (c === null ? Promise.resolve() : c.wait(signal)).then(
          () => {
            this.#conditions[i] = null;
          },
          (err: unknown) => {
            this.#conditions[i] = null;
            failures.push(err);
          },
        ),
      ),
    );
    if (failures.length === 0) return;
    const canceled = failures.find(isCanceled);
    if (canceled !== undefined) throw canceled;
    throw ServiceError.failed(formatMultierror(failures.map((e) => (e instanceof Error ? e.message : String(e)))));
  }
}

function isCondition(c: Condition | null): c is Condition {
  return c !== null;
}

/** WaitForAll(conditions...): undefined entries are ignored (the result is a condition even when empty). */
export function waitForAll(...conditions: (Condition | undefined)[]): AllCondition {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  return new AllCondition(present);
}
