// Errors of decoding `manifest.yaml`, with go-yaml v4 (rc.6, Talos main) texts where talos-sim reproduces them:
// `EOF` for an empty stream, `yaml: construct errors: line N: …` for type mismatches and duplicate keys,
// `go-yaml load error in <stage> at <mark>: …` for failures that abort decoding.
import { formatByteLimit } from '../safe-fs/index.js';
import { DetailedError } from './detailed-error.js';

/**
 * `eof`: the stream holds no document. `construct`: values that do not fit the manifest's types (decoding went on
 * and collected them all). `load`: a failure that stopped decoding (reader, parser, resolver or constructor stage).
 * `too-large`: refused before parsing (INPUT_LIMITS.manifestBytes).
 */
export type ManifestDecodeErrorKind = 'eof' | 'construct' | 'load' | 'too-large';

/** A position as go-yaml prints it: `L3.C5`; line 0 means unknown. */
export interface YamlMark {
  readonly line: number;
  readonly column: number;
}

function shortMark(m: YamlMark): string {
  if (m.line === 0) return '<unknown position>';
  return m.column > 0 ? `L${m.line}.C${m.column}` : `L${m.line}`;
}

export type ManifestDecodeErrorDetail =
  | { readonly kind: 'eof' }
  | { readonly kind: 'construct'; readonly errors: readonly { readonly line: number; readonly message: string }[] }
  | { readonly kind: 'load'; readonly stage: string; readonly mark: YamlMark; readonly message: string }
  | { readonly kind: 'too-large'; readonly limit: number };

function message(d: ManifestDecodeErrorDetail): string {
  switch (d.kind) {
    case 'eof':
      // go-yaml's io.EOF as Talos reports it (talos-extensions spec §2.3): the detail's kind says what it means
      return 'EOF';
    case 'too-large':
      return `manifest.yaml is larger than the limit of ${formatByteLimit(d.limit)}`;
    case 'construct':
      return `yaml: construct errors: ${d.errors.map((e) => `${e.line > 0 ? `line ${e.line}` : '<unknown position>'}: ${e.message}`).join('; ')}`;
    case 'load':
      return `go-yaml load error in ${d.stage} at ${shortMark(d.mark)}: ${d.message}`;
  }
}

export class ManifestDecodeError extends DetailedError<ManifestDecodeErrorDetail> {
  constructor(detail: ManifestDecodeErrorDetail) {
    super('ManifestDecodeError', detail, message(detail));
  }
}

export function isManifestDecodeError(err: unknown): err is ManifestDecodeError {
  return err instanceof ManifestDecodeError;
}
