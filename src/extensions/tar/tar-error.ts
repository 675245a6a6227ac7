// Errors of the tar reader: every malformed archive ends in one of these, never in a crash or a hang.

export type TarErrorKind = 'truncated' | 'bad-checksum' | 'bad-header' | 'bad-pax' | 'unsupported-entry';

export interface TarErrorDetail {
  readonly kind: TarErrorKind;
  /** Byte offset of the header the problem belongs to. */
  readonly offset: number;
  readonly message: string;
}

/** A tar archive the reader cannot accept. */
export class TarError extends Error {
  readonly kind: TarErrorKind;
  readonly offset: number;
  constructor(detail: TarErrorDetail) {
    super(`tar: ${detail.message} (header at offset ${detail.offset})`);
    this.name = 'TarError';
    this.kind = detail.kind;
    this.offset = detail.offset;
  }
}

export function isTarError(err: unknown): err is TarError {
  return err instanceof TarError;
}

export function tarError(kind: TarErrorKind, offset: number, message: string): TarError {
  return new TarError({ kind, offset, message });
}
