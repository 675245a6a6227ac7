// What identifies this build of talos-sim: its package version (`sim --version`) and, in cache keys, the code that
// runs too, so a rebuilt checkout with the same version number does not read assets an older build made. In the
// bundled executable the digest of all its files stands for the code (scripts/build-cli.ts writes it over
// BUNDLE_DIGEST, the same in every bundle of it); elsewhere (the library's build, the sources) the size and time of
// this module do.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Text that scripts/build-cli.ts replaces with the bundle's digest (64 hex digits) in every file of it. */
export const BUNDLE_DIGEST_PLACEHOLDER = '(talos-sim: the digest of the bundled executable is written here.)';
const BUNDLE_DIGEST: string = BUNDLE_DIGEST_PLACEHOLDER;

/** Whether this is the bundled executable, whose identity is the digest of its files (not a module's size and time). */
export function isBundled(): boolean {
  return /^[0-9a-f]{64}$/.test(BUNDLE_DIGEST);
}

let version: string | undefined;

/**
 * The version of the talos-sim package this module belongs to: the nearest package.json of that name above it,
 * which is found from the sources, from dist/src and from the bundle in dist/cli alike.
 */
export function packageVersion(): string {
  if (version !== undefined) return version;
  version = 'unknown';
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'talos-sim' && typeof pkg.version === 'string') {
        version = pkg.version;
        break;
      }
    } catch {
      // no package.json here, or not ours: look further up
    }
  }
  return version;
}

let identity: string | undefined;

export function buildIdentity(): string {
  identity ??= `${packageVersion()}+${isBundled() ? BUNDLE_DIGEST : moduleStamp(fileURLToPath(import.meta.url))}`;
  return identity;
}

function moduleStamp(path: string): string {
  const code = statSync(path);
  return `${code.size}.${Math.trunc(code.mtimeMs)}`;
}
