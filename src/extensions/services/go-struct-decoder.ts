// go-yaml's decoding of a document into typed Go structs, reduced to the shapes the extension service spec uses
// (string, bool, uint32, text-unmarshalled enums, slices, structs), for each go-yaml release Talos shipped:
// - v3 (yaml.v3 v3.0.1, Talos ≤ v1.11): type errors collected as `yaml: unmarshal errors:\n  line N: cannot
//   unmarshal …`; a failing UnmarshalText aborts decoding and its error is returned bare;
// - rc3 (v1.12): the same header, UnmarshalText failures collected as `line N: <err>`;
// - rc4 (v1.13): `yaml: construct errors:\n  line N: cannot construct …`, non-scalars refused for TextUnmarshalers;
// - rc6 (rc.5/rc.6, v1.14): `yaml: construct errors: line N: …; line M: …`.
// Null leaves a field alone; duplicate keys are reported at their later occurrence; unknown keys are ignored.
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, Scalar } from 'yaml';
import { goQuote } from '../../gofmt/index.js';
import type { YamlFlavour } from '../../goyaml/index.js';
import { BINARY, BOOL, INT, MAP, MERGE, NULL, resolveScalarTag, SEQ, STR, shortTag } from '../go-yaml-resolve.js';
import { enumParse, type GoEnum } from './go-enum.js';

export type FieldShape =
  | 'string'
  | 'bool'
  | 'uint32'
  | { readonly enum: GoEnum; readonly goType: string }
  | { readonly slice: FieldShape; readonly goType: string }
  | { readonly map: FieldShape; readonly goType: string }
  | StructShape;

export interface StructShape {
  readonly goType: string;
  readonly fields: Readonly<Record<string, FieldShape>>;
}

export type Decoded = string | boolean | number | Decoded[] | { [key: string]: Decoded };

/** A failure that stops decoding (go-yaml panics with it); the message is go-yaml's whole error text. */
export class FatalDecode {
  constructor(readonly message: string) {}
}

const MAX_ERRORS = 1000;
const MAX_DEPTH = 64;
const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

function goTypeOf(shape: FieldShape): string {
  return typeof shape === 'string' ? shape : shape.goType;
}

export class GoStructDecoder {
  readonly errors: { readonly line: number; readonly message: string }[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly flavour: YamlFlavour,
  ) {}

  /** The whole error text when decoding collected errors (undefined when it did not). */
  errorText(): string | undefined {
    if (this.errors.length === 0) return undefined;
    const items = this.errors.map((e) => `line ${e.line}: ${e.message}`);
    switch (this.flavour) {
      case 'v3':
      case 'rc3':
        return `yaml: unmarshal errors:\n  ${items.join('\n  ')}`;
      case 'rc4':
        return `yaml: construct errors:\n  ${items.join('\n  ')}`;
      default:
        return `yaml: construct errors: ${items.join('; ')}`;
    }
  }

  line(node: Node | null | undefined): number {
    const offset = node?.range?.[0];
    return offset === undefined ? 0 : this.lines.linePos(offset).line;
  }

  /** Decodes `raw` into a value of `shape`; undefined when Go would leave the target unchanged. */
  decode(raw: Node | null, shape: FieldShape, depth = 0): Decoded | undefined {
    const node = this.deref(raw, depth);
    if (node === null) return undefined;
    if (typeof shape === 'object' && 'enum' in shape) return this.enumValue(node, shape);
    if (isScalar(node)) return this.scalar(node, shape);
    const tag = collectionTag(node);
    if (typeof shape === 'object' && 'slice' in shape && isSeq(node)) {
      const out: Decoded[] = [];
      for (const item of node.items as (Node | null)[]) {
        const v = this.decode(item, shape.slice, depth + 1);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    if (typeof shape === 'object' && 'fields' in shape && isMap(node)) return this.struct(node, shape, {}, depth);
    if (typeof shape === 'object' && 'map' in shape && isMap(node)) return this.map(node, shape.map, depth);
    this.typeError(node, tag, goTypeOf(shape));
    return undefined;
  }

  private struct(node: Node, shape: StructShape, out: { [key: string]: Decoded }, depth: number): Decoded | undefined {
    if (!isMap(node)) {
      this.typeError(node, collectionTag(node), shape.goType);
      return undefined;
    }
    if (!this.uniqueKeys(node.items.map((p) => p.key as Node | null))) return undefined;
    for (const pair of node.items) {
      const key = this.deref(pair.key as Node | null, depth + 1);
      const value = pair.value as Node | null;
      if (key !== null && isScalar(key) && this.isMerge(key)) {
        this.merge(value, shape, out, depth + 1);
        continue;
      }
      const name = this.decode(key, 'string', depth + 1);
      if (typeof name !== 'string') continue;
      const field = Object.hasOwn(shape.fields, name) ? shape.fields[name] : undefined;
      if (field === undefined) continue;
      const v = this.decode(value, field, depth + 1);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /**
   * A Go map with string keys: each key decoded into a string, each value into `values`. A `<<` key merges maps in
   * after the others, as go-yaml's mapping() does, skipping the keys the map has itself.
   */
  private map(node: Node, values: FieldShape, depth: number, own = new Set<string>()): Decoded | undefined {
    if (!isMap(node) || !this.uniqueKeys(node.items.map((p) => p.key as Node | null))) return undefined;
    const out: { [key: string]: Decoded } = {};
    let merged: Node | null | undefined;
    for (const pair of node.items) {
      const rawKey = this.deref(pair.key as Node | null, depth + 1);
      if (rawKey !== null && isScalar(rawKey) && this.isMerge(rawKey)) {
        merged = pair.value as Node | null;
        continue;
      }
      const key = this.decode(rawKey, 'string', depth + 1);
      if (typeof key !== 'string' || own.has(key)) continue;
      own.add(key);
      const v = this.decode(pair.value as Node | null, values, depth + 1);
      if (v !== undefined) out[key] = v;
    }
    if (merged !== undefined) {
      for (const source of this.mergeSources(merged, depth + 1)) {
        Object.assign(out, this.map(source, values, depth + 1, own));
      }
    }
    return out;
  }

  /** The maps a merge key's value names (go-yaml's d.merge): a map, or a sequence of maps; anything else is fatal. */
  private mergeSources(raw: Node | null, depth: number): Node[] {
    const node = this.deref(raw, depth);
    const items = node !== null && isSeq(node) ? (node.items as (Node | null)[]) : [node];
    return items.map((item) => {
      const target = this.deref(item, depth + 1);
      if (target === null || !isMap(target)) {
        throw this.fatal(this.line(target ?? raw), 'map merge requires map or sequence of maps as the value');
      }
      return target;
    });
  }

  private merge(raw: Node | null, shape: StructShape, out: { [key: string]: Decoded }, depth: number): void {
    for (const target of this.mergeSources(raw, depth)) this.struct(target, shape, out, depth + 1);
  }

  private enumValue(node: Node, shape: { readonly enum: GoEnum; readonly goType: string }): Decoded | undefined {
    if (!isScalar(node)) {
      const tag = collectionTag(node);
      if (this.flavour === 'v3' || this.flavour === 'rc3') this.typeError(node, tag, shape.goType);
      else this.push(node, `cannot construct ${tag} into ${shape.goType} (TextUnmarshaler)`);
      return undefined;
    }
    const { text } = this.resolve(node);
    if (text === undefined) return undefined;
    // UnmarshalText receives the scalar's text whatever its tag
    const parsed = enumParse(shape.enum, text);
    if (typeof parsed === 'number') return parsed;
    if (this.flavour === 'v3') throw new FatalDecode(parsed.error);
    this.push(node, parsed.error);
    return undefined;
  }

  private scalar(node: Scalar, shape: FieldShape): Decoded | undefined {
    const { tag, text } = this.resolve(node);
    if (text === undefined || tag === MERGE) return undefined;
    if (shape === 'string') return text;
    if (shape === 'bool') {
      if (tag === BOOL) return /^(true|True|TRUE)$/.test(text);
      if (YAML11_TRUE.has(text)) return true;
      if (YAML11_FALSE.has(text)) return false;
    } else if (shape === 'uint32' && tag === INT) {
      const n = parseGoInt(text);
      if (n !== undefined && n >= 0n && n <= 0xffffffffn) return Number(n);
    }
    this.typeError(node, tag, goTypeOf(shape));
    return undefined;
  }

  private resolve(node: Scalar): { tag: string; text: string | undefined } {
    const explicit = node.tag === undefined ? '' : shortTag(node.tag);
    const text = scalarText(node);
    const plain = node.type === Scalar.PLAIN || node.type === undefined;
    const r = resolveScalarTag(explicit, text, plain);
    if ('mismatch' in r) {
      throw this.flavour === 'rc6'
        ? new FatalDecode(`go-yaml load error in resolver at <unknown position>: ${r.mismatch}`)
        : new FatalDecode(`yaml: ${r.mismatch.replace('cannot construct', 'cannot decode')}`);
    }
    if (r.tag === BINARY) {
      const compact = text.replace(/[\r\n]/g, '');
      if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
        throw this.fatal(this.line(node), '!!binary value contains invalid base64 data');
      }
      return { tag: BINARY, text: Buffer.from(compact, 'base64').toString('utf8') };
    }
    return { tag: r.tag, text: r.tag === NULL ? undefined : text };
  }

  private isMerge(key: Scalar): boolean {
    const explicit = key.tag === undefined ? '' : shortTag(key.tag);
    const r = resolveScalarTag(explicit, scalarText(key), key.type === Scalar.PLAIN || key.type === undefined);
    return 'tag' in r && r.tag === MERGE;
  }

  private deref(node: Node | null, depth: number): Node | null {
    if (depth > MAX_DEPTH) throw this.fatal(0, 'document contains excessive aliasing');
    if (node !== null && isAlias(node))
      return this.deref((node.resolve(this.doc) as Node | undefined) ?? null, depth + 1);
    return node;
  }

  private uniqueKeys(keys: readonly (Node | null)[]): boolean {
    const before = this.errors.length;
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = keys[i] ?? null;
        const b = keys[j] ?? null;
        if (keyIdentity(a) !== keyIdentity(b)) continue;
        this.push(b, `mapping key ${goQuote(keyValue(b))} already defined at line ${this.line(a)}`);
      }
    }
    return this.errors.length === before;
  }

  private typeError(node: Node, tag: string, goType: string): void {
    let value = '';
    if (tag !== SEQ && tag !== MAP) {
      const text = isScalar(node) ? scalarText(node) : '';
      const bytes = Buffer.from(text, 'utf8');
      value = bytes.length > 10 ? ` \`${bytes.subarray(0, 7).toString('utf8')}...\`` : ` \`${text}\``;
    }
    const verb = this.flavour === 'v3' || this.flavour === 'rc3' ? 'unmarshal' : 'construct';
    this.push(node, `cannot ${verb} ${tag}${value} into ${goType}`);
  }

  private push(node: Node | null, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ line: this.line(node), message });
  }

  /** A go-yaml failure that aborts decoding, framed as the flavour frames it. */
  fatal(line: number, message: string): FatalDecode {
    if (this.flavour === 'rc6') {
      return new FatalDecode(
        `go-yaml load error in constructor at ${line > 0 ? `L${line}` : '<unknown position>'}: ${message}`,
      );
    }
    return new FatalDecode(`yaml: ${line > 0 ? `line ${line}: ` : ''}${message}`);
  }
}

function parseGoInt(text: string): bigint | undefined {
  const s = text.replaceAll('_', '');
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) return undefined;
  const body = m[2] as string;
  const lower = body.toLowerCase();
  const magnitude =
    lower.startsWith('0x') || lower.startsWith('0b') || lower.startsWith('0o')
      ? BigInt(lower)
      : body.length > 1 && body.startsWith('0')
        ? BigInt(`0o${body.slice(1)}`)
        : BigInt(body);
  return m[1] === '-' ? -magnitude : magnitude;
}

function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (typeof node.source === 'string') return node.source;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

function collectionTag(node: Node): string {
  const explicit = node.tag === undefined ? '' : shortTag(node.tag);
  if (explicit !== '') return explicit;
  if (isScalar(node)) return STR;
  return isSeq(node) ? SEQ : MAP;
}

function keyValue(key: Node | null): string {
  if (key === null) return '';
  if (isScalar(key)) return scalarText(key);
  if (isAlias(key)) return key.source;
  return '';
}

function keyIdentity(key: Node | null): string {
  const kind = key === null || isScalar(key) ? 'scalar' : isAlias(key) ? 'alias' : isSeq(key) ? 'seq' : 'map';
  return `${kind}\u0000${keyValue(key)}`;
}
