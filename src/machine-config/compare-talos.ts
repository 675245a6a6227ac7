// Release order of two Talos tags (`v1.14.0-beta.1` < `v1.14.0-rc.1` < `v1.14.0`), semver's.
import { parseTalosVersion } from '../extensions/index.js';

export function compareTalos(a: string, b: string): number {
  return parseTalosVersion(a).compare(parseTalosVersion(b));
}
