// A start condition (pkg/conditions Condition): something a service waits for, able to describe what is still
// pending. The description is re-read while waiting, so composite conditions drop the parts already met.

export interface Condition {
  /** Go's String(): the pending part, e.g. `service "cri" to be "up", network`. */
  describe(): string;
  /** Resolves once met; rejects with ServiceError `canceled` when the signal aborts, or with a failure. */
  wait(signal: AbortSignal): Promise<void>;
}
