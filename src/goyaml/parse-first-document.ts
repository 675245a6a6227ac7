// go-yaml's `yaml.Unmarshal(text, &node)`: the first document of a YAML text as a node tree that keeps each
// scalar's text and style, so that re-encoding it writes what go-yaml would (cosi ≥ v1.12's protobuf spec).
// Limits: comments are dropped (go-yaml keeps them), a folded scalar becomes a literal one, an alias is kept as
// the plain text `*name`, anchors and tags are dropped.
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseAllDocuments, type Scalar } from 'yaml';
import { GoYamlError } from './go-yaml-error.js';
import { MAX_DEPTH } from './represent.js';
import type { ScalarStyle } from './scalar-style.js';
import { type ScalarNode, scalarNode, type YamlNode } from './yaml-node.js';

// the values of yaml's Scalar.PLAIN… (its Scalar.Type), written out: this module uses only functions of the yaml
// package, which the bundled `sim get` loads on first use (scripts/build-cli.ts)
const STYLES: Readonly<Record<Scalar.Type, ScalarStyle>> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'literal',
};

function scalarOf(node: Scalar): ScalarNode {
  const text = typeof node.value === 'string' ? node.value : String(node.source ?? node.value ?? '');
  return scalarNode(text, STYLES[node.type ?? 'PLAIN'] ?? 'plain');
}

function convert(node: Node | null | undefined, depth: number): YamlNode {
  if (depth > MAX_DEPTH) throw GoYamlError.tooDeep(MAX_DEPTH);
  if (node === null || node === undefined) return scalarNode('', 'plain');
  if (isScalar(node)) return scalarOf(node);
  if (isAlias(node)) return scalarNode(`*${node.source}`, 'plain');
  if (isSeq(node)) return { kind: 'sequence', items: node.items.map((item) => convert(item as Node, depth + 1)) };
  if (isMap(node)) {
    return {
      kind: 'mapping',
      entries: node.items.map((pair) => {
        const key = convert(pair.key as Node, depth + 1);
        if (key.kind !== 'scalar') throw GoYamlError.unsupportedKey('a collection');
        return [key, convert(pair.value as Node, depth + 1)] as const;
      }),
    };
  }
  return scalarNode('', 'plain');
}

/** The first document of `text`, or undefined when the text holds none; throws GoYamlError on a syntax error. */
export function parseFirstDocument(text: string): YamlNode | undefined {
  // failsafe: every scalar stays a string holding its text; go-yaml's resolver types it when it is read back
  const documents: Document.Parsed[] = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false }) as never;
  const first = documents[0];
  if (first === undefined) return undefined;
  const error = first.errors[0];
  if (error !== undefined) throw GoYamlError.syntax(error.message);
  return convert(first.contents as Node | null, 0);
}
