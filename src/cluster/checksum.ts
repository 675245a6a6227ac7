// A 64-bit checksum of bytes or text (two independent 32-bit lanes: FNV-1a and a multiply-xorshift), for cache
// entries that must catch accidental damage and be cheap to check: node:crypto alone costs ~20 ms to load on Node 24,
// more than the rest of a `sim get` answered from a snapshot. Not a defence against anyone who can write the entry.

/** 16 lowercase hex digits. Text is hashed as its UTF-16 code units. */
export function checksum64(data: Uint8Array | string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const c = typeof data === 'string' ? data.charCodeAt(i) : (data[i] as number);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ n, 0x5bd1e995);
  b ^= b >>> 13;
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
