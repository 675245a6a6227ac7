// Progress of a build, shaped like the imager's reporter updates (pkg/reporter, pkg/imager/progress.go): while the
// initramfs is rebuilt each builder line is reported as `rebuilding initramfs with system extensions...\n\t<line>`
// with status running; the step ends with `initramfs ready`, or is skipped without extensions.

export type ImagerStatus = 'running' | 'succeeded' | 'skip';

export interface ImagerUpdate {
  readonly status: ImagerStatus;
  /** The reporter message, exactly as the imager composes it. */
  readonly message: string;
  /** The line itself: the builder's progress line (spec talos-extensions §3.1) or the status message. */
  readonly line: string;
}

/** Receives the updates of one build, in order. */
export type ImagerUpdateSink = (update: ImagerUpdate) => void;

export const REBUILDING_INITRAMFS = 'rebuilding initramfs with system extensions...';
export const SKIPPED_INITRAMFS = 'skipped initramfs rebuild (no system extensions)';
export const INITRAMFS_READY = 'initramfs ready';

/** The update for one builder line (upstream `progressPrintf`). */
export function progressUpdate(line: string): ImagerUpdate {
  return {
    status: 'running',
    message: line === '' ? REBUILDING_INITRAMFS : `${REBUILDING_INITRAMFS}\n\t${line}`,
    line,
  };
}

export function statusUpdate(status: 'succeeded' | 'skip', message: string): ImagerUpdate {
  return { status, message, line: message };
}
