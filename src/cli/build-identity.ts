// What identifies this build of talos-sim in cache keys: the package version, and the size and time of the code
// that runs (so a rebuilt checkout with the same version number does not read assets an older build made).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let identity: string | undefined;

export function buildIdentity(): string {
  if (identity !== undefined) return identity;
  const here = fileURLToPath(import.meta.url);
  let version = 'unknown';
  for (let dir = dirname(here); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'talos-sim') {
        version = pkg.version ?? version;
        break;
      }
    } catch {
      // no package.json here: keep climbing
    }
  }
  const code = statSync(here);
  identity = `${version}+${code.size}.${Math.trunc(code.mtimeMs)}`;
  return identity;
}
