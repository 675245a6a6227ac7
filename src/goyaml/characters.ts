// go-yaml's character classes (yamlprivateh.go), on code points instead of UTF-8 bytes.

export function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

export function isBlank(cp: number): boolean {
  return cp === 0x20 || cp === 0x09;
}

/** Blank, break or NUL (go-yaml's is_blankz). */
export function isBlankOrZero(cp: number): boolean {
  return isBlank(cp) || isBreak(cp) || cp === 0;
}

/**
 * go-yaml's is_printable: `\n`, 0x20–0x7E, U+00A0–U+D7FF and U+E000–U+FFFD except U+FEFF. Everything above
 * U+FFFF counts as not printable (its byte test does not know 4-byte UTF-8), so emoji are escaped.
 */
export function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/** Go's unicode.IsSpace. */
export function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return /^\p{Z}$/u.test(String.fromCodePoint(cp));
}

/** The code points of a string. */
export function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

/** Length of the UTF-8 encoding. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Whether the string has an unpaired surrogate (it then has no UTF-8 form, so no Go counterpart). */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}
