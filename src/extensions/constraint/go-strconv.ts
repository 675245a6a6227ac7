// The two Go strconv behaviours blang/semver relies on: ParseUint(s, 10, 64) with its error texts, and Atoi
// (signed 64-bit, optional sign) whose errors blang ignores.
import { goQuote } from '../../gofmt/index.js';

const MAX_UINT64 = (1n << 64n) - 1n;
const DECIMAL = /^[0-9]+$/;
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** Outcome of Go's strconv.ParseUint(s, 10, 64): the value, or the exact error text. */
export type GoParseUintResult =
  | { readonly ok: true; readonly value: bigint }
  | { readonly ok: false; readonly error: string };

export function goParseUint(s: string): GoParseUintResult {
  if (!DECIMAL.test(s)) return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax` };
  const value = BigInt(s);
  // 19 digits always fit in 64 bits; only longer numbers need the range check
  if (s.length > 19 && value > MAX_UINT64)
    return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value };
}

/** Go's strconv.Atoi on a 64-bit platform; undefined where Go returns an error. */
export function goAtoi(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const value = BigInt(s);
  if (value > MAX_INT64 || value < MIN_INT64) return undefined;
  return value;
}

/** Go's `i + 1` on an int64, wrapping on overflow. */
export function goIncrementInt64(i: bigint): bigint {
  return BigInt.asIntN(64, i + 1n);
}
