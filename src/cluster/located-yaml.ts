// A YAML document as plain values plus where each value came from: its line, and for scalars the source text (so a
// file mode written `0755` can be read as octal, as YAML 1.1 and Kubernetes manifests do). Scenario objects given
// in code go through the same checks with no locations.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A path into a value: keys and indices. */
export type ValuePath = readonly (string | number)[];

export interface Located {
  readonly value: unknown;
  /** 1-based line of the value at `path` (of its key, for mapping entries). */
  line(path: ValuePath): number | undefined;
  /** The source text of a plain scalar at `path`. */
  source(path: ValuePath): string | undefined;
  /** Values are own keys only (parsed YAML); an object from code may also inherit them. */
  readonly ownKeysOnly?: boolean;
}

export class YamlSyntaxError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'YamlSyntaxError';
  }
}

const key = (path: ValuePath): string => JSON.stringify(path);

/** No scenario nests deeper than a handful of levels; a file that does is refused before it exhausts the stack. */
const MAX_DEPTH = 64;
const TOO_DEEP = `values nested more than ${MAX_DEPTH} levels deep`;

/** Plain values of an object given in code: no lines, no sources. */
export function locatedObject(value: unknown): Located {
  return { value, line: () => undefined, source: () => undefined };
}

/** The parser's reason in a scenario's terms (its own texts name its JavaScript API or its stack). */
function reasonOf(code: string, reason: string, at: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a scenario is one YAML document: remove the second one';
  if (code === 'DUPLICATE_KEY') {
    // the parser points at the second key's first character; its text runs to the colon
    const line = at.split('\n')[0] ?? '';
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|.*?)\s*:(?:\s|$)/.exec(line)?.[1];
    if (key !== undefined && key !== '') {
      return `duplicate key ${key.length > 60 ? `${key.slice(0, 60)}…` : key}: a mapping has each key once`;
    }
  }
  return /call stack/i.test(reason) ? TOO_DEEP : reason;
}

/** Parses one YAML document (duplicate keys are errors); throws YamlSyntaxError with the line. */
export function locatedYaml(text: string): Located {
  const counter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    if (err instanceof RangeError) throw new YamlSyntaxError(undefined, TOO_DEEP);
    throw err;
  }
  // a tag the parser cannot resolve (`!foo`) is a warning to it, an error here: its value would be read as untagged
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (first !== undefined) {
    const line = first.linePos?.[0]?.line ?? counter.linePos(first.pos[0]).line;
    const reason = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
    const shown = reasonOf(first.code, reason, text.slice(first.pos[0], first.pos[0] + 200));
    // the parser's own stack ran out wherever it was, not at the first value nested too deeply: no line to give
    throw new YamlSyntaxError(shown === TOO_DEEP ? undefined : line, shown);
  }
  const lines = new Map<string, number>();
  const sources = new Map<string, string>();
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range === undefined || node.range === null ? undefined : counter.linePos(node.range[0]).line;
  const walk = (node: unknown, path: (string | number)[], keyLine: number | undefined): unknown => {
    const here = keyLine ?? lineOf(node as Node);
    if (path.length > MAX_DEPTH) throw new YamlSyntaxError(here, TOO_DEEP);
    if (here !== undefined) lines.set(key(path), here);
    if (isAlias(node)) throw new YamlSyntaxError(here, 'aliases are not supported in scenarios');
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        // defined, not assigned: a `__proto__` key is a key like any other (an unknown one), never the prototype
        const value = walk(pair.value, [...path, name], lineOf(pair.key as Node));
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item, [...path, i], undefined));
    if (isScalar(node)) {
      if (node.type === 'PLAIN' && node.source !== undefined) sources.set(key(path), node.source);
      return node.value;
    }
    return null;
  };
  const value = walk(doc.contents, [], undefined);
  return { value, line: (p) => lines.get(key(p)), source: (p) => sources.get(key(p)), ownKeysOnly: true };
}
