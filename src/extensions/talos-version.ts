// Talos versions as the validator sees them: parsed with npm `semver` (a leading `v` is accepted, as Talos tags
// carry one), printed the way blang's Version.String() prints them in error texts (no `v`, pre-release and build
// kept), and reduced to their core for constraint checks and version quirks.
import { SemVer } from 'semver';
import type { BlangVersion } from './constraint/blang-version.js';
import { TalosVersionError } from './talos-version-error.js';

/** A Talos version: a string such as `v1.10.0-beta.1`, or an npm SemVer. */
export type TalosVersionInput = string | SemVer;

/** Parses a Talos version; throws TalosVersionError `invalid`. */
export function parseTalosVersion(input: TalosVersionInput): SemVer {
  if (input instanceof SemVer) return input;
  try {
    return new SemVer(input.trim());
  } catch {
    throw new TalosVersionError('invalid', input);
  }
}

/** The version as blang's `String()` prints it: `1.10.0-beta.1`, `1.0.0+build.5`. */
export function formatTalosVersion(v: SemVer): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease.length > 0) s += `-${v.prerelease.join('.')}`;
  if (v.build.length > 0) s += `+${v.build.join('.')}`;
  return s;
}

/** The release tag form: `v1.10.0-beta.1`. */
export function talosTag(v: SemVer): string {
  return `v${formatTalosVersion(v)}`;
}

/** Major.minor.patch only: pre-release and build dropped, as Talos's `coreVersion` and imager quirks do. */
export function talosCoreVersion(v: SemVer): BlangVersion {
  return { major: BigInt(v.major), minor: BigInt(v.minor), patch: BigInt(v.patch), pre: [], build: [] };
}
