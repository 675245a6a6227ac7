// The staging directories of kept clusters: a create writes the state into `.creating-<name>-<hex>` and renames it
// into place; a destroy renames the cluster to `.destroying-<name>-<hex>` before deleting it. A command killed
// between the two steps leaves one behind; the next create or destroy removes it once no command can be using it.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** How old a staging directory must be before it is removed (a create or destroy takes milliseconds). */
export const STAGING_STALE_MS = 10 * 60_000;

/** Removes the stale staging directories of `directory`. Best effort: one that cannot be removed is left. */
export function sweepStaging(directory: string, now: number = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^\.(creating|destroying)-/.test(name)) continue;
    const path = join(directory, name);
    try {
      if (lstatSync(path).mtimeMs < now - STAGING_STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed meanwhile by the command that made it, or not ours to remove
    }
  }
}
