// Errors of building boot assets with extensions, with upstream's texts (pkg/imager/extensions, internal/pkg/
// extensions, image-factory's profile) where upstream has one, and talos-sim's own where it refuses something.

import { DetailedError } from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';

export type ImagerErrorKind =
  | 'unsupported-version'
  | 'pull'
  | 'extract'
  | 'list'
  | 'validate'
  | 'kernel-modules'
  | 'invalid-kernel-modules-path'
  | 'copy-kernel-modules'
  | 'depmod'
  | 'unknown-kernel'
  | 'compress'
  | 'official-extensions'
  | 'official-extension-unavailable';

export type ImagerErrorDetail =
  /** `imageFactory`: the build was Image Factory's, whose floor is v1.2.0 (the imager's is v1.5.0). */
  | { readonly kind: 'unsupported-version'; readonly version: string; readonly imageFactory?: true }
  | { readonly kind: 'pull'; readonly reference: string; readonly cause: Error }
  | { readonly kind: 'extract' | 'list' | 'kernel-modules' | 'official-extensions'; readonly cause: Error }
  | { readonly kind: 'validate' | 'compress'; readonly name: string; readonly cause: Error }
  | { readonly kind: 'invalid-kernel-modules-path'; readonly path: string }
  | { readonly kind: 'copy-kernel-modules'; readonly path: string; readonly cause: Error }
  | { readonly kind: 'depmod'; readonly cause: Error }
  | { readonly kind: 'unknown-kernel'; readonly version: string }
  | { readonly kind: 'official-extension-unavailable'; readonly name: string; readonly version: string };

function message(d: ImagerErrorDetail): string {
  switch (d.kind) {
    case 'unsupported-version':
      return d.imageFactory
        ? `Image Factory serves Talos v1.2.0 or later (its MinTalosVersion); ` +
            `Talos ${d.version} installs extensions from .machine.install.extensions`
        : `boot assets with system extensions need Talos v1.5.0 or later (the imager first shipped in v1.5.0); ` +
            `Talos ${d.version} installs extensions from .machine.install.extensions`;
    case 'pull':
      return `error pulling image ${d.reference}: ${d.cause.message}`;
    case 'extract':
    case 'kernel-modules':
      return d.cause.message;
    case 'list':
      return `error listing extensions: ${d.cause.message}`;
    case 'validate':
      return `error validating extension ${goQuote(d.name)}: ${d.cause.message}`;
    case 'invalid-kernel-modules-path':
      return `invalid kernel modules path: ${d.path}`;
    case 'copy-kernel-modules':
      return `copying kernel modules from ${d.path} failed: ${d.cause.message}`;
    case 'depmod':
      return `error running depmod: ${d.cause.message}`;
    case 'unknown-kernel':
      return (
        `talos-sim does not know the kernel of Talos ${d.version}: ` +
        'pass the base rootfs (baseRootfs) to build the modules.dep layer'
      );
    case 'compress':
      return `error compressing extension ${goQuote(d.name)}: ${d.cause.message}`;
    case 'official-extensions':
      return `error getting official extensions: ${d.cause.message}`;
    case 'official-extension-unavailable':
      return `official extension ${goQuote(d.name)} is not available for Talos version ${d.version}`;
  }
}

export class ImagerError extends DetailedError<ImagerErrorDetail> {
  constructor(detail: ImagerErrorDetail) {
    super('ImagerError', detail, message(detail));
  }
}

export function isImagerError(err: unknown): err is ImagerError {
  return err instanceof ImagerError;
}
