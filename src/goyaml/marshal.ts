// The package's entry points: go-yaml's `Marshal`, `NewEncoder(w).Encode` and the value that `Unmarshal`
// returns for a marshalled document, for a chosen go-yaml version.
import { emitDocument } from './emitter.js';
import { flavourTraits, isYamlFlavour, type YamlFlavour } from './flavour.js';
import type { GoValue } from './go-value.js';
import { GoYamlError } from './go-yaml-error.js';
import { parseFirstDocument } from './parse-first-document.js';
import { readBackNode } from './read-back.js';
import { represent } from './represent.js';

function traitsOf(flavour: YamlFlavour) {
  if (!isYamlFlavour(flavour)) throw GoYamlError.unknownFlavour(String(flavour));
  return flavourTraits(flavour);
}

/** `yaml.Marshal(value)`: one document, never folded (unlimited width in every version). */
export function marshal(value: unknown, flavour: YamlFlavour = 'rc6'): string {
  const traits = traitsOf(flavour);
  return emitDocument(represent(value, traits), { traits, width: Number.POSITIVE_INFINITY });
}

/**
 * `yaml.NewEncoder(w).Encode(value)` on a fresh encoder that is never closed: one document without
 * markers; rc.5+ (`rc6`) fold long scalars at the preferred width of 80, older versions never fold.
 * `encodedBy` is the go-yaml of the program that encodes a value `flavour` marshalled: talosctl re-encodes the spec
 * text a node of another release sent, keeping its quoting and writing its own literal headers and folds.
 */
export function encode(value: unknown, flavour: YamlFlavour = 'rc6', encodedBy: YamlFlavour = flavour): string {
  const traits = traitsOf(encodedBy);
  return emitDocument(represent(value, traitsOf(flavour)), { traits, width: traits.encoderWidth });
}

/**
 * `yaml.Unmarshal(yaml.Marshal(value), &out)` with `out` of type `any`: maps become GoMap, ints bigint,
 * floats number, timestamps GoTime; untagged scalars are re-typed by the resolver (`0` → 0n, `` → null).
 * `decodedBy` is the go-yaml that decodes what `flavour` marshalled (talosctl's, for a node's spec).
 */
export function readBack(value: unknown, flavour: YamlFlavour = 'rc6', decodedBy: YamlFlavour = flavour): GoValue {
  return readBackNode(represent(value, traitsOf(flavour)), traitsOf(decodedBy));
}

/**
 * `yaml.Marshal(node)` of the node `yaml.Unmarshal(text, &node)` decodes: the text's first document re-encoded (see
 * parseFirstDocument for what is not kept). Throws GoYamlError when the text is not YAML or holds no document.
 */
export function remarshalFirstDocument(text: string, flavour: YamlFlavour = 'rc6'): string {
  const traits = traitsOf(flavour);
  const node = parseFirstDocument(text);
  if (node === undefined) throw GoYamlError.syntax('no YAML document');
  return emitDocument(node, { traits, width: Number.POSITIVE_INFINITY });
}
