// The representation tree between Go values and text: scalars carry their text and the style the encoder
// requests; the emitter decides the final style from the characters and the position.
import type { ScalarStyle } from './scalar-style.js';

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly text: string;
  readonly style: ScalarStyle;
}

export interface MappingNode {
  readonly kind: 'mapping';
  readonly entries: readonly (readonly [ScalarNode, YamlNode])[];
}

export interface SequenceNode {
  readonly kind: 'sequence';
  readonly items: readonly YamlNode[];
}

/** Text written as it is, line by line at the node's indentation (RawYaml). */
export interface RawNode {
  readonly kind: 'raw';
  readonly text: string;
}

export type YamlNode = ScalarNode | MappingNode | SequenceNode | RawNode;

export function scalarNode(text: string, style: ScalarStyle): ScalarNode {
  return { kind: 'scalar', text, style };
}
