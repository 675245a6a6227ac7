// go-toml v2's four string forms (unstable/scanner.go and parser.go): basic `"…"` with escapes, literal `'…'`,
// and their multi-line forms, with its error texts. Each reader takes the document and the index of the opening
// quote and returns the value and the index after the closing quote.
import { goRuneU } from './toml-error.js';

type Fail = (reason: string, at: number) => never;

/** A control character a string may not contain (tab is allowed). */
const isControl = (c: number) => (c < 0x20 && c !== 0x09) || c === 0x7f;

export function literalString(s: string, at: number, fail: Fail): [string, number] {
  for (let i = at + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27) return [s.slice(at + 1, i), i + 1];
    if (c === 0x0a || c === 0x0d) fail('literal strings cannot have new lines', i);
    if (isControl(c)) fail('invalid character', i);
  }
  return fail('unterminated literal string', s.length);
}

/** After an opening `'''` or `"""`, a newline right away is not part of the value. */
function skipFirstNewline(s: string, i: number): number {
  if (s[i] === '\n') return i + 1;
  if (s[i] === '\r' && s[i + 1] === '\n') return i + 2;
  return i;
}

export function multilineLiteralString(s: string, at: number, fail: Fail): [string, number] {
  const start = skipFirstNewline(s, at + 3);
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 && s.startsWith("'''", i)) {
      // up to two more quotes just before the closing delimiter belong to the value
      let end = i;
      while (s[end + 3] === "'" && end - i < 2) end++;
      if (s[end + 3] === "'") fail("''' not allowed in multiline literal string", end);
      return [s.slice(start, end).replace(/\r\n/g, '\n'), end + 3];
    }
    if (c === 0x0d && s[i + 1] !== '\n') fail('need a \\n after \\r', i);
    if (isControl(c) && c !== 0x0a && c !== 0x0d) fail('invalid character', i);
  }
  return fail("multiline literal string not terminated by '''", s.length);
}

/** One escape after a backslash at `i`; returns the text and the index after the escape. */
function readEscape(s: string, i: number, fail: Fail): [string, number] {
  const e = s[i + 1];
  const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
  if (e === undefined) return fail('need a character after \\', i + 1);
  if (simple[e] !== undefined) return [simple[e] as string, i + 2];
  if (e === 'u' || e === 'U') {
    const length = e === 'u' ? 4 : 8;
    const hex = s.slice(i + 2, i + 2 + length);
    if (hex.length < length) fail(`unicode point needs ${length} character, not ${hex.length}`, i + 2);
    const bad = hex.search(/[^0-9a-fA-F]/);
    if (bad >= 0) fail('non-hex character', i + 2 + bad);
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      fail('escape sequence is invalid Unicode code point', i + 2);
    }
    return [String.fromCodePoint(code), i + 2 + length];
  }
  return fail(`invalid escaped character ${goRuneU(s.codePointAt(i + 1) ?? 0)}`, i + 1);
}

export function basicString(s: string, at: number, fail: Fail): [string, number] {
  let out = '';
  for (let i = at + 1; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return [out, i + 1];
    if (c === 0x0a || c === 0x0d) fail('basic strings cannot have new lines', i);
    if (c === 0x5c) {
      const [text, next] = readEscape(s, i, fail);
      out += text;
      i = next;
      continue;
    }
    if (isControl(c)) fail(`invalid character ${goRuneU(c)}`, i);
    out += s[i];
    i++;
  }
  return fail('basic string not terminated by "', s.length);
}

export function multilineBasicString(s: string, at: number, fail: Fail): [string, number] {
  let out = '';
  for (let i = skipFirstNewline(s, at + 3); i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x22 && s.startsWith('"""', i)) {
      let end = i;
      while (s[end + 3] === '"' && end - i < 2) end++;
      if (s[end + 3] === '"') fail('""" not allowed in multiline basic string', end);
      return [out + s.slice(i, end), end + 3];
    }
    if (c === 0x5c) {
      // a line-ending backslash trims the newline and the whitespace after it
      const m = /^\\[ \t]*\r?\n[ \t\r\n]*/.exec(s.slice(i));
      if (m !== null) {
        i += m[0].length;
        continue;
      }
      const [text, next] = readEscape(s, i, fail);
      out += text;
      i = next;
      continue;
    }
    if (c === 0x0d) {
      if (s[i + 1] !== '\n') fail('need a \\n after \\r', i);
      out += '\n';
      i += 2;
      continue;
    }
    if (isControl(c) && c !== 0x0a) fail(`invalid character ${goRuneU(c)}`, i);
    out += s[i];
    i++;
  }
  return fail('multiline basic string not terminated by """', s.length);
}
