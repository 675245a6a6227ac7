// Errors of reading extension images from their sources: directories, OCI layouts, OCI/docker archives, tarballs.
import { goQuote } from '../../gofmt/index.js';
import { describeFileKind, type FileKind, formatByteLimit } from '../../safe-fs/index.js';
import { DetailedError } from '../detailed-error.js';

export type ImageSourceErrorKind =
  | 'read-failed'
  | 'unknown-format'
  | 'invalid-oci-layout'
  | 'invalid-docker-archive'
  | 'missing-blob'
  | 'blob-digest-mismatch'
  | 'image-selection'
  | 'invalid-archive'
  | 'invalid-layer'
  | 'unsafe-path'
  | 'unsupported-compression'
  | 'corrupt-compression'
  | 'too-large'
  | 'unsupported-file';

export type ImageSourceErrorDetail =
  | { readonly kind: 'read-failed' | 'unknown-format' | 'image-selection'; readonly message: string }
  | { readonly kind: 'invalid-oci-layout' | 'invalid-docker-archive'; readonly message: string }
  | { readonly kind: 'missing-blob'; readonly digest: string }
  | { readonly kind: 'blob-digest-mismatch'; readonly expected: string; readonly actual: string }
  | { readonly kind: 'invalid-archive'; readonly archive: string; readonly cause: Error }
  | { readonly kind: 'invalid-layer'; readonly layer: string; readonly cause: Error }
  | { readonly kind: 'unsafe-path'; readonly layer: string; readonly path: string }
  // `what` names the data whole, as decompress's callers do: `layer sha256:…`, `archive x.tar.gz`
  | { readonly kind: 'unsupported-compression'; readonly what: string; readonly compression: string }
  | { readonly kind: 'corrupt-compression'; readonly what: string; readonly compression: string; readonly cause: Error }
  | { readonly kind: 'too-large'; readonly what: string; readonly limit: number }
  | { readonly kind: 'unsupported-file'; readonly path: string; readonly fileKind: FileKind };

function message(d: ImageSourceErrorDetail): string {
  switch (d.kind) {
    case 'read-failed':
    case 'unknown-format':
    case 'image-selection':
      return d.message;
    case 'invalid-oci-layout':
      return `invalid OCI image layout: ${d.message}`;
    case 'invalid-docker-archive':
      return `invalid docker archive: ${d.message}`;
    case 'missing-blob':
      return `blob ${d.digest} not found in the image`;
    case 'blob-digest-mismatch':
      return `blob content does not match its digest: expected ${d.expected}, got ${d.actual}`;
    case 'invalid-archive':
      return `archive ${d.archive}: ${d.cause.message}`;
    case 'invalid-layer':
      return `layer ${d.layer}: ${d.cause.message}`;
    case 'unsafe-path':
      return `layer ${d.layer}: path ${goQuote(d.path)} escapes the image root`;
    case 'unsupported-compression':
      return `${d.what}: unsupported compression ${d.compression} (talos-sim reads uncompressed and gzip layers)`;
    case 'corrupt-compression':
      return `${d.what}: ${d.compression}: ${d.cause.message}`;
    case 'too-large':
      return `${d.what} is larger than the limit of ${formatByteLimit(d.limit)}`;
    case 'unsupported-file':
      return (
        `open ${d.path}: ${describeFileKind(d.fileKind)} is not an extension image ` +
        '(expected a directory, an OCI layout or an image tarball)'
      );
  }
}

export class ImageSourceError extends DetailedError<ImageSourceErrorDetail> {
  constructor(detail: ImageSourceErrorDetail) {
    super('ImageSourceError', detail, message(detail));
  }
}

export function isImageSourceError(err: unknown): err is ImageSourceError {
  return err instanceof ImageSourceError;
}
