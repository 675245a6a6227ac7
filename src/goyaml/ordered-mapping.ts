// A mapping written in exactly the given entry order, like a hand-built `yaml.Node` of kind MappingNode.
// Plain objects already give struct order; this adds untagged keys and keys JS objects would reorder
// (integer-like property names are always iterated first by JS).
import type { UntaggedScalar } from './untagged-scalar.js';

export type OrderedMappingKey = string | UntaggedScalar;

export class OrderedMapping {
  readonly entries: readonly (readonly [OrderedMappingKey, unknown])[];
  constructor(entries: Iterable<readonly [OrderedMappingKey, unknown]>) {
    this.entries = [...entries];
  }
}
