// Go orders strings by their UTF-8 bytes (os.ReadDir, filepath.WalkDir, sort.Strings). JavaScript's default sort
// compares UTF-16 code units, which differs for characters above U+FFFF; code-point order equals UTF-8 byte order.

/** Compares two strings in Go's byte order: negative, zero or positive. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    // a surrogate (astral code point) sorts after every BMP character that is not itself a surrogate
    if (sa !== sb) return sa ? 1 : -1;
    return ca - cb;
  }
  return a.length - b.length;
}
