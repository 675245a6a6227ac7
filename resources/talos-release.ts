// Where a Talos release stands against the tags at which resources and controllers changed. Boundaries are tags as
// upstream cut them (`v1.14.0-alpha.2` < `v1.14.0-beta.0` < `v1.14.0`), compared in semver's release order.
import { parseTalosVersion } from '../src/extensions/index.js';

/** Answers so far: every node of a fleet asks the same few questions at every boot. */
const answers = new Map<string, boolean>();

/** Whether `version` (a tag such as `v1.13.4`) is `boundary` or a later release. */
export function isTalosAtLeast(version: string, boundary: string): boolean {
  const key = `${version} ${boundary}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = parseTalosVersion(version).compare(parseTalosVersion(boundary)) >= 0;
    if (answers.size > 4096) answers.clear();
    answers.set(key, answer);
  }
  return answer;
}

/**
 * Whether a fix backported to several lines is in `version`: `sinceByLine` maps a minor line (`v1.12`) to the first
 * patch release of that line with the fix; lines after the newest listed line have it from their first release.
 */
export function hasBackport(version: string, sinceByLine: Readonly<Record<string, string>>): boolean {
  const v = parseTalosVersion(version);
  const since = sinceByLine[`v${v.major}.${v.minor}`];
  if (since !== undefined) return isTalosAtLeast(version, since);
  const newest = Object.values(sinceByLine)
    .map((tag) => parseTalosVersion(tag))
    .sort((a, b) => b.compare(a))[0];
  return newest !== undefined && (v.major > newest.major || (v.major === newest.major && v.minor > newest.minor));
}
