// What an upgrade writes into the node's kernel log between machined's `upgrade request received` and the reboot:
// machined's `pulling extension "<ref>"` for each image of the legacy list it pulls (≤ v1.9 running), then the
// installer container's output, which machined copies into /dev/kmsg as it is (a kmsg.Writer on its stdout and
// stderr). The installer logs with Go's std logger (`2006/01/02 15:04:05 `, the container's zone: UTC):
// `running Talos installer <tag>`, then its config warnings (`WARNING: config validation:`, `  <warning>` each); an
// error that stops it comes last, printed by Execute with Fprintln (no timestamp).
// Not reproduced (talos-sim does not model them): the builder's and the disk installer's own lines, cobra's
// `Error: …` and usage text before the final error line, and machined's sequence lines (`phase upgrade (N/M): …`,
// `upgrade failed: …`), whose phase numbers depend on the machine type and release.
import { goQuote } from '../gofmt/index.js';
import type { InstallerError } from './installer-error.js';
import { CONSOLE_COMPONENT, type NodeLog } from './node-log.js';

export interface InstallerRun {
  /** The installer's release. */
  readonly talosVersion: string;
  /** The legacy images machined pulled (empty: it pulled none). */
  readonly pulled: readonly string[];
  /** The installer's config warnings (a run that got past its config check). */
  readonly warnings: readonly string[];
  /** Why the run stopped, if it did. */
  readonly error?: InstallerError;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Go's log.LstdFlags prefix in UTC: `2006/01/02 15:04:05 `. */
function goLogPrefix(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} `
  );
}

/** Appends what machined and the installer print during an upgrade's install step. */
export function logInstallerRun(log: NodeLog, now: number, run: InstallerRun): void {
  const machined = log.logger({ component: 'machined' });
  const console = log.logger({ component: CONSOLE_COMPONENT });
  const error = run.error;
  for (const image of run.pulled) {
    machined.log('info', `pulling extension ${goQuote(image)}`);
    if (error?.detail.kind === 'pull' && error.detail.reference === image) break;
  }
  // a failed pull stops machined before it starts the installer
  if (error?.detail.kind === 'pull') return;
  const stamp = goLogPrefix(now);
  console.log('info', `${stamp}running Talos installer ${run.talosVersion}`);
  if (error === undefined || error.detail.kind === 'build') {
    if (run.warnings.length > 0) {
      console.log('info', `${stamp}WARNING: config validation:`);
      for (const warning of run.warnings) console.log('info', `${stamp}  ${warning}`);
    }
  }
  if (error !== undefined) console.log('error', error.message);
}
