// Why an upgrade failed after machined acknowledged it (`Upgrade request received`): the upgrade sequence runs the
// installer container of the target release, and on a ≤ v1.9 node machined first pulls `.machine.install.extensions`
// (internal/pkg/install RunInstallerContainer). A failure there is not a refusal: the request was accepted, the
// installer printed its error into the kernel log, and machined logged the sequence as failed.
import { DetailedError } from '../extensions/detailed-error.js';

export type InstallerErrorDetail =
  /** machined of the running release (≤ v1.9) could not pull an image of `.machine.install.extensions`. */
  | { readonly kind: 'pull'; readonly talosVersion: string; readonly reference: string; readonly cause: Error }
  /** The installer's configloader could not load the machine config (cmd/installer `runInstallCmd`). */
  | { readonly kind: 'config-load'; readonly talosVersion: string; readonly cause: Error }
  /** The installer's `config.Validate` refused the machine config. */
  | { readonly kind: 'config-invalid'; readonly talosVersion: string; readonly cause: Error }
  /** The installer (≤ v1.9) could not build the extensions machined mounted for it (validation, compression). */
  | { readonly kind: 'build'; readonly talosVersion: string; readonly cause: Error };

export type InstallerErrorKind = InstallerErrorDetail['kind'];

/** The text the installer (or, for a pull, machined) gives: cmd/installer's own prefixes, since v1.0. */
function message(d: InstallerErrorDetail): string {
  switch (d.kind) {
    case 'config-load':
      return `error loading machine configuration: ${d.cause.message}`;
    case 'config-invalid':
      return `machine configuration is invalid: ${d.cause.message}`;
    case 'pull':
    case 'build':
      return d.cause.message;
  }
}

export class InstallerError extends DetailedError<InstallerErrorDetail> {
  constructor(detail: InstallerErrorDetail) {
    super('InstallerError', detail, message(detail));
  }
}

export function isInstallerError(err: unknown): err is InstallerError {
  return err instanceof InstallerError;
}
