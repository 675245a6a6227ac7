// Decoder for a raw LZ4 block (no frame, no size prefix), the form squashfs stores.
// Every read and write is bounds-checked, so corrupt input fails instead of producing garbage.

export function lz4DecompressBlock(src: Uint8Array, maxSize: number): Uint8Array {
  const out = new Uint8Array(maxSize);
  const n = src.length;
  let ip = 0;
  let op = 0;
  while (ip < n) {
    const token = src[ip++] as number;
    let literals = token >>> 4;
    if (literals === 15) {
      let b = 255;
      while (b === 255) {
        if (ip >= n) throw new Error('lz4 literal length runs past the input');
        b = src[ip++] as number;
        literals += b;
      }
    }
    if (ip + literals > n) throw new Error('lz4 literals run past the input');
    if (op + literals > maxSize) throw new Error('lz4 output overruns the block');
    out.set(src.subarray(ip, ip + literals), op);
    ip += literals;
    op += literals;
    if (ip === n) break; // the last sequence carries literals only
    if (ip + 2 > n) throw new Error('lz4 match offset runs past the input');
    const offset = (src[ip] as number) | ((src[ip + 1] as number) << 8);
    ip += 2;
    if (offset === 0 || offset > op) throw new Error('lz4 match offset points before the output');
    let length = token & 15;
    if (length === 15) {
      let b = 255;
      while (b === 255) {
        if (ip >= n) throw new Error('lz4 match length runs past the input');
        b = src[ip++] as number;
        length += b;
      }
    }
    length += 4;
    if (op + length > maxSize) throw new Error('lz4 output overruns the block');
    let m = op - offset;
    if (offset >= length) {
      out.copyWithin(op, m, m + length);
      op += length;
    } else {
      for (const end = op + length; op < end; ) out[op++] = out[m++] as number;
    }
  }
  return out.subarray(0, op);
}
