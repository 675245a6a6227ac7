// The decoder side, for what talosctl's `-o json`/`jsonpath` and table columns see: the Go value that
// `yaml.Unmarshal` into `any` returns for the document `yaml.Marshal` wrote. Computed from the node tree
// and the emitter's style decisions instead of re-parsing the text.
import type { FlavourTraits } from './flavour.js';
import { GoMap } from './go-map.js';
import type { GoValue } from './go-value.js';
import { parseFirstDocument } from './parse-first-document.js';
import { resolvePlain } from './resolver.js';
import { finalScalarStyle, isSimpleKey, type ScalarStyle } from './scalar-style.js';
import type { ScalarNode, YamlNode } from './yaml-node.js';

function scalarValue(node: ScalarNode, style: ScalarStyle, traits: FlavourTraits): GoValue {
  if (style === 'plain') {
    // a plain `<<` value (the merge key) still decodes to the string "<<"
    return resolvePlain(node.text, traits).value;
  }
  // v3.0.1 ends the literal header line with the text's own leading line break, which is then lost.
  if (style === 'literal' && !traits.literalBreakAfterHeader && node.text.startsWith('\n')) {
    return node.text.slice(1);
  }
  return node.text;
}

function keyValue(key: ScalarNode, traits: FlavourTraits): GoValue {
  const simple = isSimpleKey(key.text);
  return scalarValue(key, finalScalarStyle(key.text, key.style, simple), traits);
}

export function readBackNode(node: YamlNode, traits: FlavourTraits): GoValue {
  switch (node.kind) {
    case 'scalar':
      return scalarValue(node, finalScalarStyle(node.text, node.style, false), traits);
    case 'raw': {
      // go-yaml's Unmarshal decodes the first document of the text
      const first = parseFirstDocument(node.text);
      return first === undefined ? null : readBackNode(first, traits);
    }
    case 'sequence':
      return node.items.map((item) => readBackNode(item, traits));
    case 'mapping': {
      const entries: [string, GoValue][] = [];
      const nonString: string[] = [];
      for (const [key, value] of node.entries) {
        const k = keyValue(key, traits);
        if (typeof k !== 'string') nonString.push(key.text);
        entries.push([typeof k === 'string' ? k : key.text, readBackNode(value, traits)]);
      }
      return new GoMap(entries, nonString);
    }
  }
}
