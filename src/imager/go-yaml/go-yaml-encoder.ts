// A small block-style YAML encoder with go-yaml's layout (spec go-yaml-and-jsonpath §1): 4-space steps rounded up to
// the next multiple of 4, non-compact sequences, empty collections in flow style, and Go strings styled and written
// as go-yaml does. Values are what the imager and Image Factory marshal: strings, string lists and nested mappings
// (a Go struct: keys in field order, `omitempty` fields left out by the caller).
import type { GoYamlFlavour } from './go-yaml-flavour.js';
import { scalarStyle } from './scalar-style.js';
import { writeScalar } from './scalar-writer.js';

export type GoYamlValue = string | readonly GoYamlValue[] | GoYamlMapping;
export interface GoYamlMapping {
  readonly [key: string]: GoYamlValue;
}

export interface GoYamlEncoderOptions {
  readonly flavour: GoYamlFlavour;
  /** Preferred width (rc.5+ `yaml.NewEncoder`: 80); undefined never folds (`yaml.Marshal`, older releases). */
  readonly width: number | undefined;
}

/** go-yaml's indentation step: the next multiple of 4 strictly greater than `column`. */
function up(column: number): number {
  return 4 * Math.floor((column + 4) / 4);
}

function isEmptyCollection(v: GoYamlValue): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (typeof v === 'object') return Object.keys(v).length === 0 ? '{}' : undefined;
  return undefined;
}

class Encoder {
  constructor(private readonly o: GoYamlEncoderOptions) {}

  scalar(s: string, column: number, indent: number): string {
    const style = scalarStyle(s, this.o.flavour);
    return writeScalar(s, style, { column, indent, width: this.o.width, flavour: this.o.flavour });
  }

  /** A value after `key:` whose key starts at `keyColumn` (the key text already written). */
  value(v: GoYamlValue, keyColumn: number, afterKey: number): string {
    if (typeof v === 'string') return ` ${this.scalar(v, afterKey + 1, up(keyColumn))}`;
    const flow = isEmptyCollection(v);
    if (flow !== undefined) return ` ${flow}\n`;
    return `\n${this.block(v, up(keyColumn), false)}`;
  }

  /** A non-empty collection at `column`; `inline` when its first line continues a `- ` already written. */
  block(v: GoYamlValue, column: number, inline: boolean): string {
    const pad = (first: boolean) => (inline && first ? '' : ' '.repeat(column));
    if (Array.isArray(v)) {
      return v
        .map((item: GoYamlValue, i) => {
          const head = `${pad(i === 0)}- `;
          if (typeof item === 'string') return head + this.scalar(item, column + 2, column + 2);
          const flow = isEmptyCollection(item);
          if (flow !== undefined) return `${head}${flow}\n`;
          return head + this.block(item, column + 2, true);
        })
        .join('');
    }
    return Object.entries(v as GoYamlMapping)
      .map(([key, item], i) => {
        const keyText = this.scalar(key, column, up(column)).slice(0, -1);
        return `${pad(i === 0)}${keyText}:${this.value(item, column, column + [...keyText].length + 1)}`;
      })
      .join('');
  }
}

/** Encodes a document: a mapping or sequence at column 0, ending with one line break. */
export function encodeGoYaml(doc: GoYamlValue, options: GoYamlEncoderOptions): string {
  const e = new Encoder(options);
  if (typeof doc === 'string') return e.scalar(doc, 0, 4);
  return isEmptyCollection(doc) !== undefined ? `${isEmptyCollection(doc)}\n` : e.block(doc, 0, false);
}
