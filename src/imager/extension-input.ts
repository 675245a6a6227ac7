// The extensions a build is given, and their checkout: each image is pulled or read and placed as directory `<j>`
// of the extensions tree, as the imager untars the j-th `input.systemExtensions` item into `extensions/<j>`, with
// the imager's progress line for its kind (pkg/imager/profile/input.go `Extract`).
import {
  type FsTree,
  type ImageRegistry,
  type ImageSource,
  isImageSourceError,
  isRegistryError,
  readImage,
} from '../extensions/index.js';
import { ImagerError } from './imager-error.js';

/**
 * One extension image: an image reference resolved through the registry (a string is one too), an image source
 * (directory, OCI layout, image tarball, in-memory description), or an image tree already in memory.
 * `label` is how progress lines and origins name a source or tree (default: its path, or `image`).
 */
export type ExtensionInput =
  | string
  | { readonly reference: string }
  | { readonly source: ImageSource; readonly label?: string }
  | { readonly image: FsTree; readonly label?: string };

export interface CheckoutContext {
  /** The registry references are pulled from (made on first use). */
  readonly registry: () => ImageRegistry;
  /** `linux/amd64` or `linux/arm64`: the image picked from a multi-platform index. */
  readonly platform: string;
  readonly printf: (line: string) => void;
}

export interface CheckedOutImage {
  readonly image: FsTree;
  /** What the layer records as its origin. */
  readonly origin: string;
}

function sourceLabel(source: ImageSource): string {
  return source.kind === 'description' ? 'image' : source.path;
}

/** Pulls or reads one input; throws ImagerError `pull` or `extract`. */
export function checkoutImage(input: ExtensionInput, ctx: CheckoutContext): CheckedOutImage {
  if (typeof input === 'string' || 'reference' in input) {
    const reference = typeof input === 'string' ? input : input.reference;
    ctx.printf(`pulling ${reference}...`);
    try {
      return { image: ctx.registry().pull(reference).image, origin: reference };
    } catch (err) {
      if (isRegistryError(err)) throw new ImagerError({ kind: 'pull', reference, cause: err });
      throw err;
    }
  }
  if ('image' in input) return { image: input.image.clone(), origin: input.label ?? 'image' };
  const label = input.label ?? sourceLabel(input.source);
  if (input.source.kind === 'oci-layout') ctx.printf(`using OCI image from ${label}...`);
  if (input.source.kind === 'archive') ctx.printf(`extracting ${label}...`);
  try {
    return { image: readImage(input.source, { platform: ctx.platform }), origin: label };
  } catch (err) {
    if (isImageSourceError(err)) throw new ImagerError({ kind: 'extract', cause: err });
    throw err;
  }
}
