// Talos releases a scenario may name: every patch of a known minor line up to its newest known patch, and the
// pre-releases talos-sim knows by name (v1.14.0-rc.1…). `v1.11.99` or `v9.9.9` never existed and are refused.
import {
  KNOWN_TALOS_RELEASES,
  parseTalosVersion,
  resolveTalosVersion,
  type TalosVersionFacts,
} from '../extensions/index.js';

export function knownTalosRelease(input: string): TalosVersionFacts | undefined {
  let facts: TalosVersionFacts;
  try {
    facts = resolveTalosVersion(input);
  } catch {
    return undefined;
  }
  const newest = KNOWN_TALOS_RELEASES.find((r) => r.line === facts.line);
  if (newest === undefined) return undefined;
  const asked = parseTalosVersion(facts.version);
  if (asked.prerelease.length > 0) return facts.kernel === undefined ? undefined : facts;
  const latest = parseTalosVersion(newest.version);
  return latest.prerelease.length === 0 && asked.patch <= latest.patch ? facts : undefined;
}
