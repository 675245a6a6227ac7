// conditions.WaitForFileToExist: `file "<path>" to exist`, checked at once and then every second of the clock. A
// stat failure other than "does not exist" (a path through a regular file, say) fails the condition.
import type { Clock } from '../../cosi/index.js';
import { goFsErrorText, goQuote, isNotExist } from '../../gofmt/index.js';
import { sleepFor } from '../abortable.js';
import { ServiceError } from '../service-error.js';
import type { ServiceFs } from '../service-fs.js';
import type { Condition } from './condition.js';

/** pkg/conditions polls files once a second. */
export const FILE_POLL_INTERVAL_MS = 1000;

export class FileCondition implements Condition {
  constructor(
    readonly path: string,
    private readonly fs: Pick<ServiceFs, 'statSync'>,
    private readonly clock: Clock,
  ) {}

  describe(): string {
    return `file ${goQuote(this.path)} to exist`;
  }

  async wait(signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        this.fs.statSync(this.path);
        return;
      } catch (err) {
        if (!isNotExist(err)) throw ServiceError.failed(goFsErrorText(err, 'stat', this.path));
      }
      await sleepFor(this.clock, FILE_POLL_INTERVAL_MS, signal);
    }
  }
}
