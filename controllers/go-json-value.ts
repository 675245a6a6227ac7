// Go's encoding/json Decoder reading one JSON value from bytes, with its scanner's error texts: `invalid character
// 'x' looking for beginning of value`, `… after object key`, `unexpected EOF`, `EOF` for empty input. The result is a
// tree that keeps each value's JSON kind, which the binding to Go types needs for its UnmarshalTypeError texts.
// Like json.NewDecoder(r).Decode, only the first value is read; whatever follows it is not looked at.

export type GoJsonValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly GoJsonValue[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, GoJsonValue])[] };

/** A JSON syntax error or end of input, with Go's text (`*json.SyntaxError`, io.EOF, io.ErrUnexpectedEOF). */
export class GoJsonSyntaxError extends Error {
  override readonly name = 'GoJsonSyntaxError';
  readonly kind: 'syntax' | 'eof' | 'unexpected-eof';
  /** Byte offset after the offending byte, as json.SyntaxError.Offset. */
  readonly offset: number;
  constructor(kind: 'syntax' | 'eof' | 'unexpected-eof', message: string, offset: number) {
    super(message);
    this.kind = kind;
    this.offset = offset;
  }
}

/**
 * Go's scanner allows 10000 levels (maxNestingDepth); this recursive reader stops at 1000 so a hostile document
 * cannot exhaust the JS stack. SPDX documents nest a handful of levels.
 */
const MAX_DEPTH = 1000;

/** Go's quoteChar: how the scanner shows the byte it choked on (strconv.Quote of the byte as a rune). */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  let body: string;
  if (c === 0x5c) body = '\\\\';
  else if (named[c] !== undefined) body = named[c] as string;
  else if (c < 0x20 || c === 0x7f) body = `\\x${hex(c, 2)}`;
  // Latin-1 runes unicode.IsPrint rejects: C1 controls, NBSP, soft hyphen
  else if ((c >= 0x80 && c <= 0xa0) || c === 0xad) body = `\\u${hex(c, 4)}`;
  else body = String.fromCharCode(c);
  return `'${body}'`;
}

/** The one-character escapes after `\\` and what they stand for. */
const SIMPLE_ESCAPES: Readonly<Record<number, number>> = {
  34: 0x22,
  92: 0x5c,
  47: 0x2f,
  98: 8,
  102: 12,
  110: 10,
  114: 13,
  116: 9,
};

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class Reader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}

  peek(): number | undefined {
    return this.b[this.pos];
  }

  fail(c: number, context: string): never {
    throw new GoJsonSyntaxError('syntax', `invalid character ${quoteChar(c)} ${context}`, this.pos + 1);
  }

  eof(): never {
    throw new GoJsonSyntaxError('unexpected-eof', 'unexpected EOF', this.pos);
  }

  /** The next byte after whitespace, or end of input. */
  skipSpace(): number | undefined {
    while (this.pos < this.b.length && isSpace(this.b[this.pos] as number)) this.pos++;
    return this.b[this.pos];
  }

  value(depth: number): GoJsonValue {
    const c = this.skipSpace();
    if (c === undefined) this.eof();
    if (depth >= MAX_DEPTH && (c === 0x7b || c === 0x5b)) this.fail(c, 'exceeded max depth');
    switch (c) {
      case 0x7b:
        return this.object(depth);
      case 0x5b:
        return this.array(depth);
      case 0x22:
        return { kind: 'string', value: this.string() };
      case 0x74:
        return this.literal('true', { kind: 'bool', value: true });
      case 0x66:
        return this.literal('false', { kind: 'bool', value: false });
      case 0x6e:
        return this.literal('null', { kind: 'null' });
      default:
        if (c === 0x2d || isDigit(c)) return { kind: 'number', text: this.number() };
        return this.fail(c, 'looking for beginning of value');
    }
  }

  private literal(word: string, value: GoJsonValue): GoJsonValue {
    for (let i = 1; i < word.length; i++) {
      this.pos++;
      const c = this.peek();
      if (c === undefined) this.eof();
      if (c !== word.charCodeAt(i)) this.fail(c, `in literal ${word} (expecting '${word[i]}')`);
    }
    this.pos++;
    return value;
  }

  private number(): string {
    const start = this.pos;
    const need = () => {
      const c = this.peek();
      if (c === undefined) this.eof();
      return c;
    };
    if (this.peek() === 0x2d) {
      this.pos++;
      const c = need();
      if (!isDigit(c)) this.fail(c, 'in numeric literal');
    }
    if (this.peek() === 0x30) this.pos++;
    else while (isDigit(this.peek() ?? -1)) this.pos++;
    if (this.peek() === 0x2e) {
      this.pos++;
      const c = need();
      if (!isDigit(c)) this.fail(c, 'after decimal point in numeric literal');
      while (isDigit(this.peek() ?? -1)) this.pos++;
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.pos++;
      let c = need();
      if (c === 0x2b || c === 0x2d) {
        this.pos++;
        c = need();
      }
      if (!isDigit(c)) this.fail(c, 'in exponent of numeric literal');
      while (isDigit(this.peek() ?? -1)) this.pos++;
    }
    // a number at the very end of the stream is complete only once the reader sees EOF, which Decode accepts
    return Buffer.from(this.b.subarray(start, this.pos)).toString('latin1');
  }

  private string(): string {
    this.pos++;
    let out = '';
    let runStart = this.pos;
    // raw bytes are decoded run by run: invalid UTF-8 becomes U+FFFD, as Go's unquote does
    const flush = () => {
      out += new TextDecoder('utf-8').decode(this.b.subarray(runStart, this.pos));
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.eof();
      if (c === 0x22) {
        flush();
        this.pos++;
        // \u escapes of lone surrogates also become U+FFFD; pairs make one character
        return out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
      }
      if (c < 0x20) this.fail(c, 'in string literal');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      flush();
      this.pos++;
      const e = this.peek();
      if (e === undefined) this.eof();
      const simple = SIMPLE_ESCAPES;
      if (simple[e] !== undefined) {
        out += String.fromCharCode(simple[e] as number);
        this.pos++;
        runStart = this.pos;
        continue;
      }
      if (e !== 0x75) this.fail(e, 'in string escape code');
      this.pos++;
      let code = 0;
      for (let i = 0; i < 4; i++) {
        const h = this.peek();
        if (h === undefined) this.eof();
        if (!isHex(h)) this.fail(h, 'in \\u hexadecimal character escape');
        code = code * 16 + Number.parseInt(String.fromCharCode(h), 16);
        this.pos++;
      }
      out += String.fromCharCode(code);
      runStart = this.pos;
    }
  }

  private array(depth: number): GoJsonValue {
    this.pos++;
    const items: GoJsonValue[] = [];
    let c = this.skipSpace();
    if (c === undefined) this.eof();
    if (c === 0x5d) {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      c = this.skipSpace();
      if (c === undefined) this.eof();
      if (c === 0x5d) {
        this.pos++;
        return { kind: 'array', items };
      }
      if (c !== 0x2c) this.fail(c, 'after array element');
      this.pos++;
    }
  }

  private object(depth: number): GoJsonValue {
    this.pos++;
    const entries: [string, GoJsonValue][] = [];
    let c = this.skipSpace();
    if (c === undefined) this.eof();
    if (c === 0x7d) {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      if (c !== 0x22) this.fail(c, 'looking for beginning of object key string');
      const key = this.string();
      c = this.skipSpace();
      if (c === undefined) this.eof();
      if (c !== 0x3a) this.fail(c, 'after object key');
      this.pos++;
      entries.push([key, this.value(depth + 1)]);
      c = this.skipSpace();
      if (c === undefined) this.eof();
      if (c === 0x7d) {
        this.pos++;
        return { kind: 'object', entries };
      }
      if (c !== 0x2c) this.fail(c, 'after object key:value pair');
      this.pos++;
      c = this.skipSpace();
      if (c === undefined) this.eof();
    }
  }
}

/** json.NewDecoder(bytes).Decode into a generic value: the first JSON value of the input. */
export function decodeGoJson(input: Uint8Array): GoJsonValue {
  const r = new Reader(input);
  if (r.skipSpace() === undefined) throw new GoJsonSyntaxError('eof', 'EOF', 0);
  return r.value(0);
}
