// Errors of loading an extension image (Talos's `Load`) and listing a tree of them (`List`), with upstream texts.
import { goQuote } from '../gofmt/index.js';
import { formatByteLimit } from '../safe-fs/index.js';
import { DetailedError } from './detailed-error.js';

export type ExtensionLoadErrorKind =
  | 'read-failed'
  | 'manifest-decode'
  | 'unsupported-manifest-version'
  | 'unexpected-file'
  | 'manifest-missing'
  | 'rootfs-missing'
  | 'unexpected-non-directory'
  | 'extension-load'
  | 'manifest-too-large';

export type ExtensionLoadErrorDetail =
  | { readonly kind: 'read-failed'; readonly message: string }
  | { readonly kind: 'manifest-decode'; readonly cause: Error }
  | { readonly kind: 'unsupported-manifest-version'; readonly version: string }
  | { readonly kind: 'unexpected-file' | 'unexpected-non-directory'; readonly name: string }
  | { readonly kind: 'manifest-missing' | 'rootfs-missing' }
  | { readonly kind: 'extension-load'; readonly directory: string; readonly cause: ExtensionLoadError }
  | { readonly kind: 'manifest-too-large'; readonly path: string; readonly limit: number };

function message(d: ExtensionLoadErrorDetail): string {
  switch (d.kind) {
    case 'read-failed':
      return d.message;
    case 'manifest-decode':
      return d.cause.message;
    case 'unsupported-manifest-version':
      return `unsupported manifest version: ${goQuote(d.version)}`;
    case 'unexpected-file':
      return `unexpected file ${goQuote(d.name)}`;
    case 'manifest-missing':
      return 'extension manifest is missing';
    case 'rootfs-missing':
      return 'extension rootfs is missing';
    case 'unexpected-non-directory':
      return `unexpected non-directory entry: ${goQuote(d.name)}`;
    case 'extension-load':
      return `error loading extension ${d.directory}: ${d.cause.message}`;
    case 'manifest-too-large':
      return `${d.path} is larger than the limit of ${formatByteLimit(d.limit)}`;
  }
}

export class ExtensionLoadError extends DetailedError<ExtensionLoadErrorDetail> {
  constructor(detail: ExtensionLoadErrorDetail) {
    super('ExtensionLoadError', detail, message(detail));
  }
}

export function isExtensionLoadError(err: unknown): err is ExtensionLoadError {
  return err instanceof ExtensionLoadError;
}
