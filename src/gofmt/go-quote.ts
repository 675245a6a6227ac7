// Go's `%q` / strconv.Quote for strings, so error texts that upstream formats with %q match byte for byte.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's unicode.IsPrint for one character (letters, marks, numbers, punctuation, symbols and ASCII space). */
export function isGoPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Quotes a string as Go's strconv.Quote does: printable runes stay literal, `"` and `\` are escaped, control
 * characters use the short escapes or `\xHH`, other non-printable runes `\uHHHH` / `\UHHHHHHHH`.
 * Lone UTF-16 surrogates (which Go strings cannot hold) are printed as U+FFFD, as Go's UTF-8 encoder would.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') {
      out += `\\${ch}`;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\ufffd';
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (SHORT_ESCAPES[ch] !== undefined) {
      out += SHORT_ESCAPES[ch];
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${hex(cp, 2)}`;
    } else if (cp < 0x10000) {
      out += `\\u${hex(cp, 4)}`;
    } else {
      out += `\\U${hex(cp, 8)}`;
    }
  }
  return `${out}"`;
}
