// File names and symlink targets are bytes, in squashfs as on Linux; this API hands them out as strings. Valid UTF-8
// decodes as usual; each byte of an invalid sequence becomes the lone surrogate U+DC00 + byte (the scheme Python
// calls "surrogateescape"). Valid UTF-8 never yields a lone surrogate, so two names that differ only in invalid bytes
// stay two names, and encodeName gives back exactly the bytes that were decoded: unsquashfs's listing, a name written
// to disk, a lookup — all byte-exact. node:fs takes such a name as bytes through fsPath.

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// with the u flag a class of surrogates matches unpaired ones only (a pair is one code point)
const ESCAPED = /[\uDC80-\uDCFF]/u;
const SURROGATE = /[\uD800-\uDFFF]/;

/** The name of `bytes[start, end)`. */
export function decodeName(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
  if (ascii) return view.toString('latin1');
  try {
    return strictUtf8.decode(view);
  } catch {
    return decodeEscaping(view);
  }
}

/** Length of the valid UTF-8 sequence starting at `i` (1 to 4), or 0 when the byte there starts none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    // no overlong forms (E0 80..9F) and no encoded surrogates (ED A0..BF)
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    // no overlong forms (F0 80..8F) and nothing past U+10FFFF (F4 90..)
    const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function decodeEscaping(b: Buffer): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const n = sequenceLength(b, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + (b[i] as number));
      i++;
    } else {
      out += b.toString('utf8', i, i + n);
      i += n;
    }
  }
  return out;
}

/** The bytes of a name (or path) decodeName produced, or of any string: UTF-8, escaped bytes restored. */
export function encodeName(name: string): Buffer {
  if (!SURROGATE.test(name)) return Buffer.from(name, 'utf8');
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const next = name.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      for (const x of Buffer.from(name.slice(i, i + 2), 'utf8')) bytes.push(x);
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      bytes.push(c - 0xdc00);
    } else {
      // any other code unit, a stray surrogate included (as U+FFFD, which is what UTF-8 can say of it)
      for (const x of Buffer.from(name[i] as string, 'utf8')) bytes.push(x);
    }
  }
  return Buffer.from(bytes);
}

/** A path for node:fs: the string itself, or its bytes when it holds escaped bytes that UTF-8 would not restore. */
export function fsPath(path: string): string | Buffer {
  return ESCAPED.test(path) ? encodeName(path) : path;
}
