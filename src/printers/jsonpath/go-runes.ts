// The Go character classes and formats the JSONPath parser relies on.
import { isGoPrint } from '../../gofmt/index.js';

/** unicode.IsDigit (decimal digits of every script). */
export function isGoDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

/** client-go's isAlphaNumeric: `_`, a letter or a digit. */
export function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch);
}

/** `%#U`: `U+002A '*'` (the quoted character only when printable). */
export function formatRune(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

/** strconv.Atoi on a 64-bit platform: optional sign, ASCII digits, int64 range. */
export function goAtoi(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(1n << 63n) && value < 1n << 63n ? value : undefined;
}

/** strconv.ParseFloat for the digits-and-dots text of a number token (no exponent can occur). */
export function goParseFloat(text: string): number | undefined {
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
