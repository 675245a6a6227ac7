// The error texts the node commands share: talosctl's helpers.AppendErrors list, and cobra's root printing the usage
// after some errors. (Go's *PathError texts of machined's errors come from src/gofmt.)
import type { Command } from 'commander';

/**
 * talosctl's helpers.AppendErrors (v1.2.0-beta.0 on): `1 error occurred:` then each error on its own line after
 * one space. fatih/color makes it red only on a terminal; sim prints it as talosctl does into a pipe.
 */
export function appendErrorsText(errors: readonly string[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return `${count} occurred:\n${errors.map((e) => ` ${e}`).join('\n')}`;
}

/** talosctl's root prints the usage after an error whose text mentions `arg(s)`, `flag` or `command`. */
export function needsUsage(message: string): boolean {
  return /arg\(s\)|flag|command/.test(message);
}

/** The message, followed by the command's usage when talosctl's root would print it. */
export function withUsageQuirk(message: string, cmd: Command): string {
  return needsUsage(message) ? `${message}\n\n${cmd.helpInformation().trimEnd()}` : message;
}

/**
 * A node's failure as sim prints it, `error on node <address>: <reason>`; the reason drops the `node <address>: `
 * that the library's errors start with, so the address is said once.
 */
export function errorOnNode(address: string, err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).trimEnd();
  const own = `node ${address}: `;
  return `error on node ${address}: ${text.startsWith(own) ? text.slice(own.length) : text}`;
}
