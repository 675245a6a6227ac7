// Little-endian field access on byte arrays. 64-bit fields come back as numbers: every offset
// or size squashfs stores is far below 2^53, and larger values are rejected by the callers.

export function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}

export function i16(b: Uint8Array, o: number): number {
  return (u16(b, o) << 16) >> 16;
}

export function u32(b: Uint8Array, o: number): number {
  return (
    ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x100_0000
  );
}

export function i32(b: Uint8Array, o: number): number {
  return u32(b, o) | 0;
}

/** Unsigned 64-bit as a number; values above 2^53 come back as Infinity so range checks fail safely. */
export function u64(b: Uint8Array, o: number): number {
  const hi = u32(b, o + 4);
  if (hi > 0x1f_ffff) return Number.POSITIVE_INFINITY;
  return hi * 0x1_0000_0000 + u32(b, o);
}

/** True when the 64-bit field is all ones, squashfs's "table absent" marker. */
export function isAllOnes64(b: Uint8Array, o: number): boolean {
  return u32(b, o) === 0xffff_ffff && u32(b, o + 4) === 0xffff_ffff;
}
