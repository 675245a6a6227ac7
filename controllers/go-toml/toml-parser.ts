// go-toml v2 decoding a document into `map[string]any` (toml.Unmarshal / Decoder.Decode): expressions one by one,
// each parsed then checked against what the document already defined (go-toml's seen tracker), so the first
// problem in document order is the one reported, with go-toml's texts. Values are the Go values of toml-value.ts.
import { goRuneU, TomlDecodeError } from './toml-error.js';
import { scanNumberOrDateTime, tokenValue } from './toml-scalars.js';
import { basicString, literalString, multilineBasicString, multilineLiteralString } from './toml-strings.js';
import { TomlTable, type TomlValue } from './toml-value.js';

type Kind = 'value' | 'table' | 'array table';

/** What the document did with one key of one table. */
interface Seen {
  kind: Kind;
  /** Defined by a `[header]`, or closed by a later header after being built with dotted keys. */
  explicit: boolean;
  /** Built by dotted keys of a key/value (still open to more dotted keys in the same table). */
  dotted: boolean;
}

/** Nesting allowed for arrays and inline tables: deep enough for any config, shallow enough for the JS stack. */
const MAX_DEPTH = 1000;

const isBareKeyChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);

class Parser {
  private i = 0;
  private readonly seen = new Map<TomlTable, Map<string, Seen>>();
  /** Tables whose dotted children are closed when the next header starts. */
  private current: TomlTable;

  constructor(
    private readonly s: string,
    readonly root: TomlTable,
  ) {
    this.current = root;
  }

  fail(reason: string, at = this.i): never {
    const before = this.s.slice(0, at);
    const line = before.split('\n').length;
    throw new TomlDecodeError(reason, line, at - before.lastIndexOf('\n'));
  }

  private meta(t: TomlTable): Map<string, Seen> {
    let m = this.seen.get(t);
    if (m === undefined) {
      m = new Map();
      this.seen.set(t, m);
    }
    return m;
  }

  private ws(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  private comment(): void {
    for (this.i++; this.i < this.s.length && this.s[this.i] !== '\n'; this.i++) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x0d && this.s[this.i + 1] === '\n') continue;
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) this.fail('invalid character in comment');
    }
  }

  private newline(): void {
    const c = this.s[this.i];
    if (c === '\n') this.i++;
    else if (c === '\r') {
      if (this.s[this.i + 1] !== '\n') this.fail('windows new line should be \\r\\n');
      this.i += 2;
    } else this.fail(`expected newline but got ${goRuneU(this.s.charCodeAt(this.i))}`);
  }

  parse(): void {
    while (this.i < this.s.length) {
      this.ws();
      const c = this.s[this.i];
      if (c === undefined) break;
      if (c === '#') this.comment();
      else if (c !== '\n' && c !== '\r') {
        if (c === '[') this.header();
        else this.keyValue(this.current, 0);
        this.ws();
        if (this.s[this.i] === '#') this.comment();
      }
      if (this.i < this.s.length) this.newline();
    }
  }

  private expect(c: string): void {
    if (this.i >= this.s.length) this.fail(`expected character ${c} but the document ended here`);
    if (this.s[this.i] !== c) this.fail(`expected character ${c}`);
    this.i++;
  }

  private simpleKey(): string {
    const c = this.s[this.i];
    if (c === undefined) this.fail('expected key but found none');
    if (c === "'") {
      const [v, next] = literalString(this.s, this.i, (r, at) => this.fail(r, at));
      this.i = next;
      return v;
    }
    if (c === '"') {
      const [v, next] = basicString(this.s, this.i, (r, at) => this.fail(r, at));
      this.i = next;
      return v;
    }
    if (!isBareKeyChar(c)) this.fail(`invalid character at start of key: ${c}`);
    const start = this.i;
    while (isBareKeyChar(this.s[this.i])) this.i++;
    return this.s.slice(start, this.i);
  }

  private key(): string[] {
    const parts = [this.simpleKey()];
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '.') return parts;
      this.i++;
      this.ws();
      parts.push(this.simpleKey());
    }
  }

  /** Closes what dotted keys built in the table being left (go-toml's setExplicitFlag). */
  private closeDotted(t: TomlTable): void {
    for (const [k, m] of this.meta(t)) {
      if (m.dotted) {
        m.dotted = false;
        m.explicit = true;
      }
      const child = t.entries.get(k);
      if (child instanceof TomlTable && m.kind === 'table') this.closeDotted(child);
    }
  }

  /** Walks the tables of a header's key but the last, creating implicit ones. */
  private walk(parts: readonly string[]): TomlTable {
    let t = this.root;
    for (const k of parts) {
      const m = this.meta(t).get(k);
      const v = t.entries.get(k);
      if (m === undefined) {
        const child = new TomlTable();
        t.entries.set(k, child);
        this.meta(t).set(k, { kind: 'table', explicit: false, dotted: false });
        t = child;
      } else if (m.kind === 'value') this.fail(`expected ${k} to be a table, not a ${m.kind}`);
      else t = (m.kind === 'array table' ? (v as TomlTable[]).at(-1) : v) as TomlTable;
    }
    return t;
  }

  private header(): void {
    this.closeDotted(this.current);
    const array = this.s[this.i + 1] === '[';
    this.i += array ? 2 : 1;
    this.ws();
    const parts = this.key();
    this.ws();
    this.expect(']');
    if (array) this.expect(']');
    const parent = this.walk(parts.slice(0, -1));
    const k = parts.at(-1) as string;
    const m = this.meta(parent).get(k);
    if (array) {
      if (m !== undefined && m.kind !== 'array table') {
        // go-toml passes the arguments in this order
        this.fail(`key ${m.kind} already exists as a ${k},  but should be an array table`);
      }
      const element = new TomlTable();
      const list = parent.entries.get(k) as TomlValue[] | undefined;
      if (list === undefined) parent.entries.set(k, [element]);
      else list.push(element);
      this.meta(parent).set(k, { kind: 'array table', explicit: true, dotted: false });
      this.current = element;
      return;
    }
    if (m !== undefined) {
      if (m.kind !== 'table') this.fail(`key ${k} should be a table, not a ${m.kind}`);
      if (m.explicit || m.dotted) this.fail(`table ${k} already exists`);
      m.explicit = true;
      this.current = parent.entries.get(k) as TomlTable;
      return;
    }
    const t = new TomlTable();
    parent.entries.set(k, t);
    this.meta(parent).set(k, { kind: 'table', explicit: true, dotted: false });
    this.current = t;
  }

  private keyValue(table: TomlTable, depth: number): void {
    const parts = this.key();
    this.ws();
    if (this.i >= this.s.length) this.fail('expected = after a key, but the document ends there');
    this.expect('=');
    this.ws();
    const value = this.value(depth);
    let t = table;
    for (const [n, k] of parts.entries()) {
      const m = this.meta(t).get(k);
      const last = n === parts.length - 1;
      if (m !== undefined) {
        if (last) this.fail(`key ${k} is already defined`);
        if (m.kind !== 'table') this.fail(`expected ${k} to be a table, not a ${m.kind}`);
        if (m.explicit) this.fail(`cannot redefine table ${k} that has already been explicitly defined`);
        t = t.entries.get(k) as TomlTable;
        continue;
      }
      if (last) {
        t.entries.set(k, value);
        this.meta(t).set(k, { kind: 'value', explicit: false, dotted: false });
        return;
      }
      const child = new TomlTable();
      t.entries.set(k, child);
      this.meta(t).set(k, { kind: 'table', explicit: false, dotted: true });
      t = child;
    }
  }

  private value(depth: number): TomlValue {
    const c = this.s[this.i];
    const fail = (r: string, at: number) => this.fail(r, at);
    if (c === undefined) return this.fail('expected value, not eof');
    if (c === '"' || c === "'") {
      const triple = this.s.startsWith(c.repeat(3), this.i);
      const read =
        c === '"' ? (triple ? multilineBasicString : basicString) : triple ? multilineLiteralString : literalString;
      const [v, next] = read(this.s, this.i, fail);
      this.i = next;
      return v;
    }
    if (c === 't' || c === 'f') {
      const word = c === 't' ? 'true' : 'false';
      if (!this.s.startsWith(word, this.i)) this.fail(`expected '${word}'`);
      this.i += word.length;
      return c === 't';
    }
    if (c === '[' || c === '{') {
      if (depth >= MAX_DEPTH) this.fail('document is nested too deeply');
      return c === '[' ? this.array(depth + 1) : this.inlineTable(depth + 1);
    }
    const at = this.i;
    const { token, kind } = scanNumberOrDateTime(this.s, at, (r) => this.fail(r, at));
    this.i += token.length;
    return tokenValue(token, kind, (r) => this.fail(r, at));
  }

  /** Whitespace, comments and newlines inside an array. */
  private fill(): void {
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c === '#') this.comment();
      else if (c === '\n' || c === '\r') this.newline();
      else return;
    }
  }

  private array(depth: number): TomlValue[] {
    const start = this.i;
    this.i++;
    const items: TomlValue[] = [];
    let first = true;
    for (;;) {
      this.fill();
      if (this.i >= this.s.length) this.fail('array is incomplete', start);
      if (this.s[this.i] === ']') break;
      if (this.s[this.i] === ',') {
        if (first) this.fail('array cannot start with comma');
        this.i++;
        this.fill();
      } else if (!first) this.fail('array elements must be separated by commas');
      if (this.s[this.i] === ']') break;
      items.push(this.value(depth));
      first = false;
    }
    this.expect(']');
    return items;
  }

  private inlineTable(depth: number): TomlTable {
    const start = this.i;
    this.i++;
    const t = new TomlTable();
    let first = true;
    for (;;) {
      this.ws();
      if (this.i >= this.s.length) this.fail('inline table is incomplete', start);
      if (this.s[this.i] === '}') break;
      if (!first) {
        this.expect(',');
        this.ws();
      }
      this.keyValue(t, depth);
      first = false;
    }
    this.expect('}');
    return t;
  }
}

/** The largest document read (CRI config parts are a few KiB). */
export const MAX_TOML_BYTES = 4 * 1024 * 1024;

/** toml.Unmarshal(data, &map[string]any{}); throws TomlDecodeError with go-toml's texts. */
export function decodeToml(input: string | Uint8Array): TomlTable {
  if (input.length > MAX_TOML_BYTES) throw new TomlDecodeError(`document larger than ${MAX_TOML_BYTES} bytes`, 0, 0);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new TomlDecodeError('invalid UTF-8', 0, 0);
  }
  const root = new TomlTable();
  new Parser(text, root).parse();
  return root;
}
