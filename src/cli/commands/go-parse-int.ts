// pflag's int32 flags: strconv.ParseInt(s, 0, 32), so `0x10`, `0o17`, `017`, `0b11` and `1_000` are numbers too,
// with Go's error texts for the rest.

export type GoParseIntResult = { readonly value: number } | { readonly error: 'invalid syntax' | 'value out of range' };

const PATTERNS: readonly (readonly [RegExp, number])[] = [
  [/^0[xX](_?[0-9a-fA-F])+$/, 16],
  [/^0[oO](_?[0-7])+$/, 8],
  [/^0[bB](_?[01])+$/, 2],
  [/^0(_?[0-7])+$/, 8],
  [/^(0|[1-9](_?[0-9])*)$/, 10],
];

export function goParseInt32(text: string): GoParseIntResult {
  const negative = text.startsWith('-');
  const digits = negative || text.startsWith('+') ? text.slice(1) : text;
  const match = PATTERNS.find(([pattern]) => pattern.test(digits));
  if (match === undefined) return { error: 'invalid syntax' };
  const [, base] = match;
  const body = digits.replaceAll('_', '').replace(/^0[xXoObB]/, '');
  const magnitude = body.split('').reduce((n, d) => n * BigInt(base) + BigInt(Number.parseInt(d, base)), 0n);
  const value = negative ? -magnitude : magnitude;
  if (value < -2147483648n || value > 2147483647n) return { error: 'value out of range' };
  return { value: Number(value) };
}
