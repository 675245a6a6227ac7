// The imager's reporter in plain mode (pkg/reporter, output not a terminal): each update's message trimmed, tabs
// written as four spaces, printed on its own line unless it repeats the previous one.
import type { ImagerUpdate } from './imager-update.js';

export class PlainReporter {
  private last: string | undefined;

  /** The text to print for an update (ending with a newline), or '' when it repeats the last one. */
  format(update: ImagerUpdate): string {
    const line = update.message.trim().replaceAll('\t', '    ');
    if (line === this.last) return '';
    this.last = line;
    return `${line}\n`;
  }
}
