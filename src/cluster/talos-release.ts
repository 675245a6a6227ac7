// Talos releases a scenario may name: the tags siderolabs/talos has (talos-sim knows each build), or a minor line
// for its newest known release. `v1.11.99`, `v1.0.0-alpha` or `v9.9.9` never existed and are refused.
import { resolveTalosVersion, type TalosVersionFacts } from '../extensions/index.js';
import { talosBuild } from '../node/index.js';

export function knownTalosRelease(input: string): TalosVersionFacts | undefined {
  let facts: TalosVersionFacts;
  try {
    facts = resolveTalosVersion(input);
  } catch {
    return undefined;
  }
  return talosBuild(facts.version) === undefined ? undefined : facts;
}
