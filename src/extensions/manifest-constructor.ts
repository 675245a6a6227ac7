// go-yaml's constructor stage, reduced to what decoding a manifest needs: a value goes into a string field or a
// struct described by a StructSpec, with go-yaml's rules for null, timestamps, merge keys, duplicate keys and type
// errors (internal/libyaml/constructor.go, v4 rc.6). Errors are collected as go-yaml collects them.
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  Scalar,
  visit,
} from 'yaml';
import { goQuote } from '../gofmt/index.js';
import { BINARY, BOOL, FLOAT, INT, MAP, MERGE, NULL, resolveScalarTag, SEQ, STR, shortTag } from './go-yaml-resolve.js';
import { ManifestDecodeError, type YamlMark } from './manifest-decode-error.js';

export type Target = 'string' | StructSpec;

export interface StructSpec {
  readonly goType: string;
  /** Where the struct sits in the manifest (`metadata.compatibility`), `''` for the top: names keys in warnings. */
  readonly path: string;
  readonly fields: Readonly<Record<string, Target>>;
}

/** A key the manifest's types do not have: go-yaml ignores it, talos-sim reports it as a warning. */
export interface UnknownKey {
  /** The key with its place, e.g. `verison` or `metadata.tier`. */
  readonly key: string;
  readonly line: number;
}

/** Tags whose scalars go-yaml stores as their text in a string field. */
const STRING_TAGS = new Set([STR, INT, FLOAT, BOOL, BINARY]);

/** go-yaml keeps decoding after type errors; a hostile document could produce quadratically many. */
const MAX_CONSTRUCT_ERRORS = 1000;
/** Nesting bound for merge keys through aliases (go-yaml's composer rejects self-containing anchors). */
const MAX_DEPTH = 64;

/**
 * go-yaml's guard against alias bombs (decode.go `allowedAliasRatio`): once more than 100 aliases and 1000 nodes
 * have been decoded, aliases may make up at most 99 % of the nodes up to 400,000 decoded nodes, falling linearly to
 * 10 % at 4,000,000. Wide merges through nested anchors would otherwise expand exponentially.
 */
/**
 * talos-sim's own cap on top of go-yaml's ratio: each alias it expands into a manifest field costs far more than one
 * go-yaml decode step, so a merge bomb that go-yaml stops after millions of steps is stopped at 50,000 aliases.
 * Manifests do not use aliases in practice; this only changes the outcome for such bombs.
 */
const MAX_ALIASES = 50_000;

function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

export type Obj = { [key: string]: string | Obj };

export class ManifestConstructor {
  readonly errors: { line: number; message: string }[] = [];
  readonly unknownKeys: UnknownKey[] = [];
  private readonly seenUnknown = new Set<string>();
  private mergedFields: Set<string> | undefined;
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasTargets: Map<Alias, Node | undefined> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  mark(node: Node | null | undefined): YamlMark {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 0, column: 0 };
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  private typeError(node: Node, tag: string, target: Target): void {
    if (this.errors.length >= MAX_CONSTRUCT_ERRORS) return;
    let value = '';
    if (tag !== SEQ && tag !== MAP) {
      const text = isScalar(node) ? scalarText(node) : '';
      const bytes = Buffer.from(text, 'utf8');
      value = bytes.length > 10 ? ` \`${bytes.subarray(0, 7).toString('utf8')}...\`` : ` \`${text}\``;
    }
    const into = target === 'string' ? 'string' : target.goType;
    this.errors.push({ line: this.mark(node).line, message: `cannot construct ${tag}${value} into ${into}` });
  }

  private deref(node: Node | null, depth: number): Node | null {
    if (depth > MAX_DEPTH) throw loadError('composer', this.mark(node), 'document contains excessive aliasing');
    if (node === null) return node;
    this.decodeCount++;
    if (!isAlias(node)) return node;
    this.aliasCount++;
    const ratioExceeded =
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount);
    if (ratioExceeded || this.aliasCount > MAX_ALIASES) {
      throw loadError('constructor', this.mark(node), 'document contains excessive aliasing');
    }
    return this.deref(this.resolveAlias(node) ?? null, depth + 1);
  }

  /**
   * What `Alias.resolve` finds — the last node anchored with the alias's name before it, in document order — from
   * one walk of the document instead of one walk per alias (which made alias-heavy documents quadratic).
   */
  private resolveAlias(alias: Alias): Node | undefined {
    if (this.aliasTargets === undefined) {
      const targets = new Map<Alias, Node | undefined>();
      const anchors = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor !== undefined) anchors.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  private unknownKey(spec: StructSpec, name: string, key: Node | null): void {
    const line = this.mark(key).line;
    const full = spec.path === '' ? name : `${spec.path}.${name}`;
    const id = `${line}\u0000${full}`;
    if (this.seenUnknown.has(id)) return;
    this.seenUnknown.add(id);
    this.unknownKeys.push({ key: full, line });
  }

  /** Resolves a scalar's tag and text; `undefined` text means null. */
  private scalar(node: Scalar): { tag: string; text: string | undefined } {
    const explicit = node.tag === undefined ? '' : shortTag(node.tag);
    const text = scalarText(node);
    const plain = node.type === Scalar.PLAIN || node.type === undefined;
    const r = resolveScalarTag(explicit, text, plain);
    if ('mismatch' in r) throw loadError('resolver', { line: 0, column: 0 }, r.mismatch);
    if (r.tag === BINARY) {
      const compact = text.replace(/[\r\n]/g, '');
      if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
        throw loadError('constructor', this.mark(node), '!!binary value contains invalid base64 data');
      }
      return { tag: BINARY, text: Buffer.from(compact, 'base64').toString('utf8') };
    }
    return { tag: r.tag, text: r.tag === NULL ? undefined : text };
  }

  /** Constructs `node` into a string field; returns the text, or undefined when Go leaves the field alone. */
  string(raw: Node | null, depth: number): string | undefined {
    const node = this.deref(raw, depth);
    if (node === null) return undefined;
    if (isScalar(node)) {
      const { tag, text } = this.scalar(node);
      if (text === undefined || tag === MERGE) return undefined;
      if (!STRING_TAGS.has(tag)) {
        this.typeError(node, tag, 'string');
        return undefined;
      }
      return text;
    }
    this.typeError(node, collectionTag(node), 'string');
    return undefined;
  }

  struct(raw: Node | null, spec: StructSpec, out: Obj, depth: number): void {
    const node = this.deref(raw, depth);
    if (node === null) return;
    if (isScalar(node)) {
      const { tag, text } = this.scalar(node);
      if (text !== undefined && tag !== MERGE) this.typeError(node, tag, spec);
      return;
    }
    if (!isMap(node)) {
      this.typeError(node, collectionTag(node), spec);
      return;
    }
    if (!this.uniqueKeys(node)) return;
    const merged = this.mergedFields;
    this.mergedFields = undefined;
    let mergeNode: Node | null = null;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (key !== null && isScalar(key) && this.isMergeKey(key)) {
        mergeNode = value;
        continue;
      }
      const name = this.string(key, depth + 1);
      if (name === undefined) continue;
      if (merged !== undefined) {
        if (merged.has(name)) continue;
        merged.add(name);
      }
      const target = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
      if (target === undefined) {
        this.unknownKey(spec, name, key);
        continue;
      }
      if (target === 'string') {
        const s = this.string(value, depth + 1);
        if (s !== undefined) out[name] = s;
      } else {
        this.struct(value, target, out[name] as Obj, depth + 1);
      }
    }
    this.mergedFields = merged;
    if (mergeNode !== null)
      this.merge(
        node.items.map((p) => p.key as Node | null),
        mergeNode,
        spec,
        out,
        depth + 1,
      );
  }

  private isMergeKey(key: Scalar): boolean {
    const explicit = key.tag === undefined ? '' : shortTag(key.tag);
    const plain = key.type === Scalar.PLAIN || key.type === undefined;
    const r = resolveScalarTag(explicit, scalarText(key), plain);
    return 'tag' in r && r.tag === MERGE;
  }

  private merge(parentKeys: readonly (Node | null)[], raw: Node, spec: StructSpec, out: Obj, depth: number): void {
    const saved = this.mergedFields;
    if (saved === undefined) {
      const names = new Set<string>();
      for (const k of parentKeys) {
        const key = this.deref(k, depth);
        if (key !== null && isScalar(key)) {
          const { tag, text } = this.scalar(key);
          if (text !== undefined && tag !== MERGE) names.add(text);
        }
      }
      this.mergedFields = names;
    }
    const node = this.deref(raw, depth);
    const sources = node !== null && isSeq(node) ? (node.items as (Node | null)[]) : [raw];
    for (const item of sources) {
      const target = this.deref(item, depth);
      if (target === null || !isMap(target)) {
        throw loadError(
          'constructor',
          this.mark(target ?? raw),
          'map merge requires map or sequence of maps as the value',
        );
      }
      this.struct(target, spec, out, depth + 1);
    }
    this.mergedFields = saved;
  }

  /**
   * go-yaml's UniqueKeys check (on by default): every pair of equal keys is reported at the later one, pairs in the
   * order go-yaml's nested loop finds them. go-yaml compares every pair; here each key's later twins are found
   * through its group, so a mapping of 100,000 equal keys costs what the (capped) errors cost, not n².
   */
  private uniqueKeys(node: { items: { key: unknown }[] }): boolean {
    const keys = node.items.map((p) => p.key as Node | null);
    const groups = new Map<string, number[]>();
    const ids = keys.map((k, index) => {
      const id = keyIdentity(k);
      const group = groups.get(id);
      if (group === undefined) groups.set(id, [index]);
      else group.push(index);
      return id;
    });
    let duplicates = false;
    const position = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) {
      const id = ids[i] as string;
      const group = groups.get(id) as number[];
      const at = position.get(id) ?? 0;
      position.set(id, at + 1);
      if (at + 1 >= group.length) continue;
      duplicates = true;
      if (this.errors.length >= MAX_CONSTRUCT_ERRORS) break;
      const ki = keys[i] ?? null;
      for (let g = at + 1; g < group.length && this.errors.length < MAX_CONSTRUCT_ERRORS; g++) {
        const kj = keys[group[g] as number] ?? null;
        this.errors.push({
          line: this.mark(kj).line,
          message: `mapping key ${goQuote(keyValue(kj))} already defined at line ${this.mark(ki).line}`,
        });
      }
    }
    return !duplicates;
  }
}

/** The scalar's text as go-yaml holds it (npm `yaml` already decodes `!!binary`; its source is the text). */
function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (typeof node.source === 'string') return node.source;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

function collectionTag(node: Node): string {
  const explicit = node.tag === undefined ? '' : shortTag(node.tag);
  if (explicit !== '') return explicit;
  return isSeq(node) ? SEQ : MAP;
}

function keyValue(key: Node | null): string {
  if (key === null) return '';
  if (isScalar(key)) return scalarText(key);
  if (isAlias(key)) return key.source;
  return '';
}

function keyIdentity(key: Node | null): string {
  const kind = key === null ? 'scalar' : isScalar(key) ? 'scalar' : isAlias(key) ? 'alias' : isSeq(key) ? 'seq' : 'map';
  return `${kind}\u0000${keyValue(key)}`;
}

export function loadError(stage: string, mark: YamlMark, message: string): ManifestDecodeError {
  return new ManifestDecodeError({ kind: 'load', stage, mark, message });
}
