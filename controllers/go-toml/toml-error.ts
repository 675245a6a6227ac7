// go-toml v2's decode errors as Go prints them: `toml: <message>` (a DecodeError's Error() carries no position).
// The document position is kept for talos-sim's own use (line and column, 1-based).

export class TomlDecodeError extends Error {
  override readonly name = 'TomlDecodeError';
  readonly kind = 'decode' as const;
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`toml: ${reason}`);
  }
}

export function isTomlDecodeError(err: unknown): err is TomlDecodeError {
  return err instanceof TomlDecodeError;
}

/** Go's %#U of a byte: `U+0078 'x'`, or `U+000A` for what is not printable. */
export function goRuneU(c: number): string {
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const printable = (c >= 0x20 && c < 0x7f) || (c >= 0xa1 && c !== 0xad && c <= 0xff);
  return printable ? `${hex} '${String.fromCharCode(c)}'` : hex;
}
