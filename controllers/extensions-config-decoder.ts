// /etc/extensions.yaml decoded as extensions.Config.Read does it — `yaml.NewDecoder(f).Decode(cfg)` with the node's
// go-yaml release: only the first document is read (an empty stream is io.EOF: no extensions); keys are matched
// exactly, unknown ones ignored; any scalar's text goes into a string field (rc.5+ refuse timestamps), null leaves
// a field alone and makes a `- null` layer a nil *Layer; duplicate keys and values of the wrong shape are collected
// and reported together (ExtensionsConfigDecodeError). npm `yaml` parses; the typing is go-yaml's.
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  Scalar,
  visit,
} from 'yaml';
import type { ExtensionMetadata, ExtensionStatusSpec } from '../resources/extension-status.js';
import { goQuote } from '../src/gofmt/index.js';
import { flavourTraits, resolvePlain, type YamlFlavour } from '../src/goyaml/index.js';
import { ExtensionsConfigDecodeError, type YamlTypeProblem } from './extensions-config-error.js';

/** The layers of the first document; `null` is a nil *Layer (upstream dereferences it and panics). */
export interface DecodedExtensionsConfig {
  readonly layers: readonly (ExtensionStatusSpec | null)[];
}

type Fields = Record<string, 'string' | StructSpec>;
interface StructSpec {
  readonly goType: string;
  readonly fields: Fields;
}

const CONSTRAINT: StructSpec = { goType: 'extensions.Constraint', fields: { version: 'string' } };
const COMPATIBILITY: StructSpec = { goType: 'extensions.Compatibility', fields: { talos: CONSTRAINT } };
const METADATA: StructSpec = {
  goType: 'extensions.Metadata',
  fields: {
    name: 'string',
    version: 'string',
    author: 'string',
    description: 'string',
    compatibility: COMPATIBILITY,
    extraInfo: 'string',
  },
};
const LAYER: StructSpec = { goType: 'extensions.Layer', fields: { image: 'string', metadata: METADATA } };

/** Merge keys may nest through aliases; past this, the document is refused as go-yaml refuses alias bombs. */
const MAX_MERGE_DEPTH = 64;
const MAX_MERGES = 10_000;
/** go-yaml keeps collecting; a hostile document could produce quadratically many. */
const MAX_PROBLEMS = 1000;

type Obj = { [key: string]: string | Obj };

class Constructor {
  readonly problems: YamlTypeProblem[] = [];
  private merges = 0;
  private readonly construct: string;

  private aliasTargets: Map<Alias, Node | undefined> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly flavour: YamlFlavour,
  ) {
    this.construct = flavour === 'rc4' || flavour === 'rc6' ? 'construct' : 'unmarshal';
  }

  /** What an alias stands for: the last node anchored with its name before it (one walk for all aliases). */
  private target(alias: Alias): Node | undefined {
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

  private line(node: Node): number {
    return this.lines.linePos(node.range?.[0] ?? 0).line;
  }

  private deref(node: Node | null | undefined): Node | null {
    let n: Node | null = node ?? null;
    for (let hops = 0; n !== null && isAlias(n); hops++) {
      if (hops > MAX_MERGE_DEPTH) return null;
      n = this.target(n) ?? null;
    }
    return n;
  }

  /** The go-yaml tag of a node, and for scalars whether it resolves to null. */
  private tagOf(node: Node): { tag: string; isNull: boolean; text: string } {
    if (isMap(node)) return { tag: explicitTag(node) ?? '!!map', isNull: false, text: '' };
    if (isSeq(node)) return { tag: explicitTag(node) ?? '!!seq', isNull: false, text: '' };
    const s = node as Scalar;
    const text = typeof s.value === 'string' ? s.value : String(s.value ?? '');
    const explicit = explicitTag(node);
    if (explicit !== undefined) return { tag: explicit, isNull: explicit === '!!null', text };
    if (s.type !== undefined && s.type !== Scalar.PLAIN) return { tag: '!!str', isNull: false, text };
    const tag = `!!${resolvePlain(text, flavourTraits(this.flavour)).tag}`;
    return { tag, isNull: tag === '!!null', text };
  }

  private typeError(node: Node, tag: string, goType: string, text: string): void {
    let value = '';
    if (tag !== '!!seq' && tag !== '!!map') {
      const bytes = Buffer.from(text, 'utf8');
      value = bytes.length > 10 ? ` \`${bytes.subarray(0, 7).toString('utf8')}...\`` : ` \`${text}\``;
    }
    this.problems.push({ line: this.line(node), message: `cannot ${this.construct} ${tag}${value} into ${goType}` });
  }

  /** A scalar into a string field; undefined when Go leaves the field alone. */
  string(raw: Node | null | undefined): string | undefined {
    const node = this.deref(raw);
    if (node === null) return undefined;
    const { tag, isNull, text } = this.tagOf(node);
    if (isNull || tag === '!!merge') return undefined;
    const fits = isScalar(node) && (tag !== '!!timestamp' || this.flavour !== 'rc6');
    if (!fits) {
      this.typeError(node, tag, 'string', text);
      return undefined;
    }
    return text;
  }

  /** A mapping into a struct (fields filled in place); false when the node is not a mapping. */
  struct(raw: Node | null | undefined, spec: StructSpec, out: Obj, depth = 0): boolean {
    const node = this.deref(raw);
    if (node === null) return true;
    const { tag, isNull, text } = this.tagOf(node);
    if (isNull) return true;
    if (!isMap(node)) {
      this.typeError(node, tag, spec.goType, text);
      return false;
    }
    if (!this.uniqueKeys(node)) return false;
    let merge: Node | null = null;
    const explicit = new Set<string>();
    for (const pair of node.items) {
      const key = this.deref(pair.key as Node | null);
      if (
        key !== null &&
        isScalar(key) &&
        key.value === '<<' &&
        (key.type === Scalar.PLAIN || key.type === undefined)
      ) {
        merge = pair.value as Node | null;
        continue;
      }
      const name = key === null ? undefined : this.string(key);
      if (name === undefined) continue;
      explicit.add(name);
      const target = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
      if (target === 'string') {
        const v = this.string(pair.value as Node | null);
        if (v !== undefined) out[name] = v;
      } else if (target !== undefined) {
        this.struct(pair.value as Node | null, target, out[name] as Obj, depth + 1);
      }
    }
    if (merge !== null) this.merge(merge, spec, out, explicit, depth + 1);
    return true;
  }

  /** `<<: *a` or `<<: [*a, *b]`: fields the mapping did not set itself come from the merged mappings. */
  private merge(raw: Node, spec: StructSpec, out: Obj, explicit: ReadonlySet<string>, depth: number): void {
    if (depth > MAX_MERGE_DEPTH || ++this.merges > MAX_MERGES) throw new TooDeep();
    const node = this.deref(raw);
    const sources = node !== null && isSeq(node) ? node.items.map((n) => this.deref(n as Node)) : [node];
    for (const source of sources) {
      if (source === null || !isMap(source)) continue;
      const merged = emptyObj(spec);
      this.struct(source, spec, merged, depth);
      for (const [k, v] of Object.entries(merged)) if (!explicit.has(k) && !sameAsEmpty(spec, k, v)) out[k] = v;
    }
  }

  /** go-yaml's UniqueKeys: every pair of equal keys, reported at the later one, in its nested loop's order. */
  private uniqueKeys(node: { items: { key: unknown }[] }): boolean {
    const keys = node.items.map((p) => this.deref(p.key as Node | null));
    const groups = new Map<string, number[]>();
    keys.forEach((k, i) => {
      if (k === null || !isScalar(k)) return;
      const id = String(k.value);
      const group = groups.get(id);
      if (group === undefined) groups.set(id, [i]);
      else group.push(i);
    });
    const pairs: [number, number][] = [];
    for (const indices of groups.values()) {
      for (let a = 0; a < indices.length && pairs.length < MAX_PROBLEMS; a++) {
        for (let b = a + 1; b < indices.length && pairs.length < MAX_PROBLEMS; b++) {
          pairs.push([indices[a] as number, indices[b] as number]);
        }
      }
    }
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [i, j] of pairs) {
      const first = keys[i] as Scalar;
      this.problems.push({
        line: this.line(keys[j] as Node),
        message: `mapping key ${goQuote(String(first.value))} already defined at line ${this.line(first)}`,
      });
    }
    return pairs.length === 0;
  }

  config(contents: Node | null): (ExtensionStatusSpec | null)[] {
    const node = this.deref(contents);
    if (node === null) return [];
    const { tag, isNull, text } = this.tagOf(node);
    if (isNull) return [];
    if (!isMap(node)) {
      this.typeError(node, tag, 'extensions.Config', text);
      return [];
    }
    if (!this.uniqueKeys(node)) return [];
    let layers: (ExtensionStatusSpec | null)[] = [];
    for (const pair of node.items) {
      const key = this.deref(pair.key as Node | null);
      if (key === null || this.string(key) !== 'layers') continue;
      layers = this.layers(pair.value as Node | null);
    }
    return layers;
  }

  private layers(raw: Node | null): (ExtensionStatusSpec | null)[] {
    const node = this.deref(raw);
    if (node === null) return [];
    const { tag, isNull, text } = this.tagOf(node);
    if (isNull) return [];
    if (!isSeq(node)) {
      this.typeError(node, tag, '[]*extensions.Layer', text);
      return [];
    }
    return node.items.map((item) => {
      const n = this.deref(item as Node | null);
      if (n === null || this.tagOf(n).isNull) return null;
      const out = emptyObj(LAYER);
      this.struct(n, LAYER, out);
      return toLayer(out);
    });
  }
}

class TooDeep extends Error {}

function explicitTag(node: Node): string | undefined {
  const tag = node.tag;
  if (tag === undefined) return undefined;
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function emptyObj(spec: StructSpec): Obj {
  const out: Obj = {};
  for (const [k, t] of Object.entries(spec.fields)) out[k] = t === 'string' ? '' : emptyObj(t);
  return out;
}

function sameAsEmpty(spec: StructSpec, key: string, value: string | Obj): boolean {
  const t = spec.fields[key];
  return t === 'string' ? value === '' : JSON.stringify(value) === JSON.stringify(emptyObj(t as StructSpec));
}

function toLayer(o: Obj): ExtensionStatusSpec {
  const m = o.metadata as Obj;
  const talos = (m.compatibility as Obj).talos as Obj;
  const metadata: ExtensionMetadata = {
    name: m.name as string,
    version: m.version as string,
    author: m.author as string,
    description: m.description as string,
    compatibility: { talos: { version: talos.version as string } },
  };
  if (m.extraInfo !== '') metadata.extraInfo = m.extraInfo as string;
  return { image: o.image as string, metadata };
}

/** Decodes the file's text; throws ExtensionsConfigDecodeError with the release's go-yaml texts. */
export function decodeExtensionsConfig(text: string, flavour: YamlFlavour): DecodedExtensionsConfig {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    lineCounter: lines,
    prettyErrors: false,
  });
  const doc = docs[0];
  if (doc === undefined) return { layers: [] };
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = lines.linePos(syntax.pos[0]);
    const message = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ExtensionsConfigDecodeError(flavour, { kind: 'syntax', line: pos.line, column: pos.col, message });
  }
  const c = new Constructor(doc, lines, flavour);
  let layers: (ExtensionStatusSpec | null)[];
  try {
    layers = c.config(doc.contents as Node | null);
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err;
    throw new ExtensionsConfigDecodeError(flavour, {
      kind: 'syntax',
      line: 0,
      column: 0,
      message: 'document contains excessive aliasing',
    });
  }
  if (c.problems.length > 0) throw new ExtensionsConfigDecodeError(flavour, { kind: 'type', problems: c.problems });
  return { layers };
}
