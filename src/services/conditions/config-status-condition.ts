// runtime.ExtensionServiceConfigStatusCondition: `extension service config`, met when an
// ExtensionServiceConfigStatus named after the service (without `ext-`) exists or is created or updated.
import { cancellable, whenAborted } from '../abortable.js';
import { ServiceError } from '../service-error.js';
import type { Condition } from './condition.js';

export interface ConfigStatusSource {
  /** Resolves once the status exists or is later created/updated; may reject when the signal aborts. */
  waitForConfigStatus(serviceName: string, signal: AbortSignal): Promise<void>;
}

export class ConfigStatusCondition implements Condition {
  constructor(
    private readonly serviceName: string,
    /** Absent (container mode: no statuses are ever written): waits until cancelled. */
    private readonly source: ConfigStatusSource | undefined,
  ) {}

  describe(): string {
    return 'extension service config';
  }

  async wait(signal: AbortSignal): Promise<void> {
    if (this.source === undefined) {
      await whenAborted(signal);
      throw ServiceError.canceled();
    }
    try {
      await cancellable(this.source.waitForConfigStatus(this.serviceName, signal), signal);
    } catch (err) {
      if (signal.aborted) throw ServiceError.canceled();
      throw err;
    }
  }
}
