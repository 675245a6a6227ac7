// client-go's UnquoteExtend: Go's strconv.Unquote that also accepts single-quoted strings, escape by escape.
// Returns undefined where Go returns ErrSyntax.

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function utf8Bytes(cp: number, out: number[]): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

function isValidRune(cp: number): boolean {
  return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

/** Decodes one escape after the backslash; returns the index after it, or undefined on a syntax error. */
function decodeEscape(cs: readonly string[], at: number, quote: string, out: number[]): number | undefined {
  const c = cs[at];
  if (c === undefined) return undefined;
  const simple = SIMPLE[c];
  if (simple !== undefined) {
    out.push(simple);
    return at + 1;
  }
  const hexLength = HEX_LENGTH[c];
  if (hexLength !== undefined) {
    const digits = cs.slice(at + 1, at + 1 + hexLength).join('');
    if (digits.length !== hexLength || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    const v = Number.parseInt(digits, 16);
    if (c === 'x') out.push(v);
    else if (isValidRune(v)) utf8Bytes(v, out);
    else return undefined;
    return at + 1 + hexLength;
  }
  if (c >= '0' && c <= '7') {
    const digits = cs.slice(at, at + 3).join('');
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const v = Number.parseInt(digits, 8);
    if (v > 255) return undefined;
    out.push(v);
    return at + 3;
  }
  if (c === "'" || c === '"') {
    if (c !== quote) return undefined;
    out.push(c.charCodeAt(0));
    return at + 1;
  }
  return undefined;
}

export function unquoteExtend(quoted: string): string | undefined {
  const cs = Array.from(quoted);
  const quote = cs[0];
  if (cs.length < 2 || (quote !== '"' && quote !== "'") || cs[cs.length - 1] !== quote) return undefined;
  const inner = cs.slice(1, -1);
  if (!inner.includes('\\') && !inner.includes(quote)) return inner.join('');
  const bytes: number[] = [];
  for (let i = 0; i < inner.length; ) {
    const c = inner[i] as string;
    if (c === quote) return undefined;
    if (c !== '\\') {
      utf8Bytes(c.codePointAt(0) ?? 0, bytes);
      i++;
      continue;
    }
    const next = decodeEscape(inner, i + 1, quote, bytes);
    if (next === undefined) return undefined;
    i = next;
  }
  // `\x80`…`\xff` can form invalid UTF-8, which a JS string cannot hold: those bytes become U+FFFD
  return new TextDecoder().decode(new Uint8Array(bytes));
}
