// The base62 of github.com/jxskiss/base62 (v1.1.0, StdEncoding), which Talos uses for node identities. It is not
// the big-integer base62: it reads the input as a bit string from its end, six bits per character, and since 62
// symbols cannot spell 6-bit values 62 and 63, a group whose bits 1–4 are all set (30, 31, 62, 63) gives only its
// low five bits, and the next character starts one bit earlier. The final (leftmost, possibly short) group is
// written whole. Decoding mirrors it: the last character contributes only as many bits as its value has.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Bits 1–4 set: the groups that must be shortened to five bits. */
const COMPACT_MASK = 0x1e;
const FIVE_BITS = 0x1f;

const DECODE_MAP: readonly number[] = (() => {
  const map: number[] = new Array(256).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) map[ALPHABET.charCodeAt(i)] = i;
  return map;
})();

/** The six bits of `src` just before bit `end` (big-endian bit order), zeros before the first bit. */
function sixBitsBefore(src: Uint8Array, end: number): number {
  let value = 0;
  for (let k = 0; k < 6; k++) {
    const bit = end - 1 - k;
    if (bit < 0) break;
    value |= (((src[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) << k;
  }
  return value;
}

/** base62.EncodeToString. */
export function encodeBase62(src: Uint8Array): string {
  let end = src.length * 8;
  let out = '';
  while (end > 0) {
    let value = sixBitsBefore(src, end);
    let width = 6;
    if ((value & COMPACT_MASK) === COMPACT_MASK) {
      // a short final group that already fits five bits is written as it is
      if (end > 6 || value > FIVE_BITS) width = 5;
      value &= FIVE_BITS;
    }
    out += ALPHABET[value];
    end -= width;
  }
  return out;
}

function bitLength(value: number): number {
  return value === 0 ? 0 : 32 - Math.clz32(value);
}

/** base62.DecodeString: the bytes, or a Base62Error at the first byte outside the alphabet. */
export function decodeBase62(text: string): Uint8Array {
  const input = Buffer.from(text, 'utf8');
  const reversed: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < input.length; i++) {
    const value = DECODE_MAP[input[i] ?? 0] ?? -1;
    if (value < 0) throw new Base62Error(i);
    const last = i === input.length - 1;
    const width = last ? bitLength(value) : (value & COMPACT_MASK) === COMPACT_MASK ? 5 : 6;
    acc |= value << bits;
    bits += width;
    if (bits >= 8) {
      reversed.push(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) reversed.push(acc & 0xff);
  return Uint8Array.from(reversed.reverse());
}

/** base62.CorruptInputError: a byte outside the alphabet, at `offset` of the UTF-8 input. */
export class Base62Error extends Error {
  override readonly name = 'Base62Error';
  readonly kind = 'corrupt-input' as const;

  constructor(readonly offset: number) {
    super(`illegal base62 data at input byte ${offset}`);
  }
}

export function isBase62Error(err: unknown): err is Base62Error {
  return err instanceof Base62Error;
}
