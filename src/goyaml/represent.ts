// The encoder side: turns a JS value tree into the node tree go-yaml's encoder would build for the matching
// Go value. Mapping of JS to Go: object → struct (insertion order, undefined fields omitted), array → slice,
// string, integral number → int, other number → float64, bigint → int, boolean, null/undefined → nil,
// Date/GoTime → time.Time, Map/GoMap → Go map (natural key order), plus GoFloat, UntaggedScalar,
// OrderedMapping and RawYaml for what plain JS cannot say.
import { hasLoneSurrogate } from './characters.js';
import type { FlavourTraits } from './flavour.js';
import { formatFloat } from './format-float.js';
import { GoFloat } from './go-float.js';
import { GoMap } from './go-map.js';
import { GoTime } from './go-time.js';
import { GoYamlError } from './go-yaml-error.js';
import { compareNatural } from './natural-order.js';
import { OrderedMapping } from './ordered-mapping.js';
import { RawYaml } from './raw-yaml.js';
import { requestedStringStyle, requestedUntaggedStyle } from './scalar-style.js';
import { UntaggedScalar } from './untagged-scalar.js';
import { type MappingNode, type ScalarNode, scalarNode, type YamlNode } from './yaml-node.js';

/** Deeper values are refused: the JS stack would overflow long before Go's would. */
export const MAX_DEPTH = 1000;

const INT64_LIMIT = 2 ** 63;

function yamlFloat(f: number): string {
  const text = formatFloat(f);
  if (text === '+Inf') return '.inf';
  if (text === '-Inf') return '-.inf';
  if (text === 'NaN') return '.nan';
  return text;
}

function checkString(text: string): string {
  if (hasLoneSurrogate(text)) throw GoYamlError.invalidString();
  return text;
}

function stringNode(text: string, traits: FlavourTraits): ScalarNode {
  return scalarNode(checkString(text), requestedStringStyle(text, traits));
}

function untaggedNode(value: UntaggedScalar): ScalarNode {
  return scalarNode(checkString(value.text), requestedUntaggedStyle(value.text));
}

function plain(text: string): ScalarNode {
  return scalarNode(text, 'plain');
}

class Representer {
  private readonly ancestors = new Set<object>();

  constructor(private readonly traits: FlavourTraits) {}

  node(value: unknown, depth: number): YamlNode {
    if (depth > MAX_DEPTH) throw GoYamlError.tooDeep(MAX_DEPTH);
    switch (typeof value) {
      case 'undefined':
        return plain('null');
      case 'string':
        return stringNode(value, this.traits);
      case 'boolean':
        return plain(value ? 'true' : 'false');
      case 'bigint':
        return plain(value.toString());
      case 'number':
        if (Number.isInteger(value) && Math.abs(value) < INT64_LIMIT) return plain(BigInt(value).toString());
        return plain(yamlFloat(value));
      case 'object':
        return value === null ? plain('null') : this.objectNode(value, depth);
      default:
        throw GoYamlError.unsupportedValue(`a ${typeof value}`);
    }
  }

  private objectNode(value: object, depth: number): YamlNode {
    if (value instanceof UntaggedScalar) return untaggedNode(value);
    if (value instanceof RawYaml) return { kind: 'raw', text: checkString(value.text) };
    if (value instanceof GoFloat) return plain(yamlFloat(value.value));
    if (value instanceof GoTime) return plain(value.toRfc3339Nano());
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw GoYamlError.invalidDate();
      return plain(GoTime.fromDate(value).toRfc3339Nano());
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw GoYamlError.unsupportedValue('binary data');
    if (this.ancestors.has(value)) throw GoYamlError.cyclicValue();
    this.ancestors.add(value);
    try {
      if (Array.isArray(value)) {
        return { kind: 'sequence', items: value.map((item: unknown) => this.node(item, depth + 1)) };
      }
      if (value instanceof OrderedMapping) return this.orderedMapping(value, depth);
      if (value instanceof Map || value instanceof GoMap) return this.goMap(value, depth);
      return this.struct(value, depth);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private orderedMapping(value: OrderedMapping, depth: number): MappingNode {
    return {
      kind: 'mapping',
      entries: value.entries.map(([key, item]) => [
        key instanceof UntaggedScalar ? untaggedNode(key) : stringNode(String(key), this.traits),
        this.node(item, depth + 1),
      ]),
    };
  }

  private goMap(value: ReadonlyMap<unknown, unknown> | GoMap, depth: number): MappingNode {
    const entries: [string, unknown][] = [];
    for (const [key, item] of value.entries()) {
      if (typeof key !== 'string') throw GoYamlError.unsupportedKey(typeof key);
      entries.push([key, item]);
    }
    entries.sort((a, b) => compareNatural(a[0], b[0]));
    return {
      kind: 'mapping',
      entries: entries.map(([key, item]) => [stringNode(key, this.traits), this.node(item, depth + 1)]),
    };
  }

  private struct(value: object, depth: number): MappingNode {
    const entries: (readonly [ScalarNode, YamlNode])[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      entries.push([stringNode(key, this.traits), this.node(item, depth + 1)]);
    }
    return { kind: 'mapping', entries };
  }
}

/** The node tree go-yaml's encoder builds for the Go counterpart of a JS value. */
export function represent(value: unknown, traits: FlavourTraits): YamlNode {
  return new Representer(traits).node(value, 0);
}
