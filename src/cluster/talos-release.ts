// Talos releases a scenario may name: the tags siderolabs/talos has (talos-sim knows each build), or a minor line
// for its newest known release. `v1.11.99`, `v1.0.0-alpha` or `v9.9.9` never existed and are refused.
import { resolveTalosVersion, type TalosVersionFacts } from '../extensions/index.js';
import { talosBuild } from '../node/index.js';
import type { ValuePath } from './located-yaml.js';
import type { ScenarioReader } from './scenario-reader.js';

export function knownTalosRelease(input: string): TalosVersionFacts | undefined {
  let facts: TalosVersionFacts;
  try {
    facts = resolveTalosVersion(input);
  } catch {
    return undefined;
  }
  return talosBuild(facts.version) === undefined ? undefined : facts;
}

/**
 * The release a scenario names at `path`, as written. A version written bare (`talos: 1.10`) is a YAML number, whose
 * trailing zero is gone by the time it is read: the message shows the text and how to write it.
 */
export function readTalosVersion(r: ScenarioReader, path: ValuePath): string | undefined {
  const value = r.at(path);
  if (typeof value === 'number') {
    const text = r.located.source(path) ?? String(value);
    r.fail(path, `expected a Talos version such as v1.10.0, got the number ${text} (write it v${text})`);
  }
  return r.string(path);
}
