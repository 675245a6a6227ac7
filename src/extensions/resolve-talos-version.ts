// Talos versions as users write them (command line, scenarios, node options): a full version or a minor line, and
// only releases that exist — a patch past the newest known release of its line (`v1.11.99`) or a pre-release tag
// Talos never uses (`v1.0.0-alpha`) is refused, where describeTalosVersion would happily describe it.
import type { SemVer } from 'semver';
import { parseTalosVersion } from './talos-version.js';
import { TalosVersionError } from './talos-version-error.js';
import { describeTalosVersion, KNOWN_TALOS_RELEASES, type TalosVersionFacts } from './talos-versions.js';

const PRERELEASE_KINDS = new Set(['alpha', 'beta', 'rc']);

/** Talos tags its pre-releases `vX.Y.0-alpha.N`, `-beta.N`, `-rc.N`, and nothing else. */
function isReleaseTagPrerelease(v: SemVer): boolean {
  const [kind, n, ...rest] = v.prerelease;
  return (
    v.patch === 0 &&
    typeof kind === 'string' &&
    PRERELEASE_KINDS.has(kind) &&
    typeof n === 'number' &&
    rest.length === 0
  );
}

/**
 * Refuses what was never released: a tag of the wrong shape, or a release past the newest known one of its line (a
 * line still in pre-release knows only its .0). Lines past the table are future releases and pass.
 */
function checkReleased(v: SemVer, input: string): void {
  if (v.prerelease.length > 0 && !isReleaseTagPrerelease(v)) throw new TalosVersionError('not-a-release-tag', input);
  const newest = KNOWN_TALOS_RELEASES.find((r) => r.line === `v${v.major}.${v.minor}`);
  if (newest === undefined) return;
  const last = parseTalosVersion(newest.version);
  const lastPatch = newest.prerelease ? 0 : last.patch;
  if (v.patch > lastPatch) throw new TalosVersionError('unreleased', input, newest.version);
}

/**
 * Resolves a version as users write it: a full version (`v1.10.3`, `1.10.3`) or a minor line (`v1.10`), which
 * means that line's newest known release. Throws TalosVersionError.
 */
export function resolveTalosVersion(input: string): TalosVersionFacts {
  const line = /^v?(\d+)\.(\d+)$/.exec(input.trim());
  if (line !== null) {
    const known = KNOWN_TALOS_RELEASES.find((r) => r.line === `v${Number(line[1])}.${Number(line[2])}`);
    if (known !== undefined) return known;
    return describeTalosVersion(`${line[1]}.${line[2]}.0`);
  }
  const facts = describeTalosVersion(input);
  checkReleased(parseTalosVersion(input), facts.version);
  return facts;
}
