// Reads an image from an OCI image layout (`oci-layout`, `index.json`, `blobs/<alg>/<hex>`): selects one image
// (by reference name, then platform), follows nested indexes, verifies blob digests and applies the layers in order.
import { createHash } from 'node:crypto';
import { FsTree } from '../fs-tree.js';
import { INPUT_LIMITS } from '../input-limits.js';
import { isTarError } from '../tar/tar-error.js';
import { readTar } from '../tar/tar-reader.js';
import { applyLayer } from './apply-layer.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, decompress } from './decompress.js';
import type { ImageFiles } from './image-files.js';
import { parseImageJson, readImageJson } from './image-json.js';
import { ImageSourceError, isImageSourceError } from './image-source-error.js';
import { LayerBudget } from './layer-budget.js';

/** Which image of a layout or archive holding several to read. */
export interface ImageSelection {
  /** `org.opencontainers.image.ref.name` / `io.containerd.image.name` annotation, or a docker RepoTag. */
  readonly reference?: string;
  /** `os/arch[/variant]` of the image to pick from an index. Default `linux/amd64`. */
  readonly platform?: string;
  /**
   * Bound on what one image holds uncompressed: its layers together, an image tarball, any one file read for it.
   * Default INPUT_LIMITS.imageBytes (1 GiB).
   */
  readonly maxDecompressedBytes?: number;
}

interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
  readonly annotations?: Readonly<Record<string, string>>;
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const REF_ANNOTATIONS = ['org.opencontainers.image.ref.name', 'io.containerd.image.name'];

function invalid(message: string): ImageSourceError {
  return new ImageSourceError({ kind: 'invalid-oci-layout', message });
}

function parseJson(bytes: Uint8Array, what: string): Record<string, unknown> {
  const parsed = parseImageJson(bytes);
  if (!parsed.ok) throw invalid(`${what} ${parsed.reason}`);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function descriptors(value: unknown, what: string): Descriptor[] {
  if (!Array.isArray(value)) throw invalid(`${what} has no descriptor list`);
  return value.map((d, i) => {
    if (typeof d !== 'object' || d === null || typeof (d as Descriptor).digest !== 'string') {
      throw invalid(`${what} descriptor ${i} has no digest`);
    }
    return d as Descriptor;
  });
}

/** Reads a blob of at most `maxBytes` by digest and checks its content against it. */
export function readBlob(files: ImageFiles, digest: string, maxBytes: number): Uint8Array {
  const m = /^(sha256|sha512):([a-f0-9]{64}|[a-f0-9]{128})$/.exec(digest);
  if (m === null || (m[1] === 'sha256') !== ((m[2] as string).length === 64))
    throw invalid(`malformed digest ${JSON.stringify(digest)}`);
  const bytes = files.read(`blobs/${m[1]}/${m[2]}`, maxBytes);
  if (bytes === undefined) throw new ImageSourceError({ kind: 'missing-blob', digest });
  const actual = `${m[1]}:${createHash(m[1] as string)
    .update(bytes)
    .digest('hex')}`;
  if (actual !== digest) throw new ImageSourceError({ kind: 'blob-digest-mismatch', expected: digest, actual });
  return bytes;
}

function platformOf(d: Descriptor): string {
  const p = d.platform;
  return p === undefined ? '' : [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/');
}

function matchesPlatform(d: Descriptor, wanted: string): boolean {
  const have = platformOf(d);
  return have === wanted || (wanted.split('/').length === 2 && have.startsWith(`${wanted}/`));
}

function choose(list: readonly Descriptor[], selection: ImageSelection, where: string, byName: boolean): Descriptor {
  let candidates = list.filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
  if (byName && selection.reference !== undefined) {
    const ref = selection.reference;
    candidates = candidates.filter((d) => REF_ANNOTATIONS.some((a) => d.annotations?.[a] === ref));
    if (candidates.length === 0) {
      throw new ImageSourceError({
        kind: 'image-selection',
        message: `no image named ${JSON.stringify(ref)} in ${where}`,
      });
    }
  }
  // several entries for different platforms: pick one; several images without platforms need a reference instead
  if (candidates.length > 1 && candidates.every((d) => d.platform !== undefined)) {
    const platform = selection.platform ?? 'linux/amd64';
    const matching = candidates.filter((d) => matchesPlatform(d, platform));
    if (matching.length === 0) {
      throw new ImageSourceError({ kind: 'image-selection', message: `no image for platform ${platform} in ${where}` });
    }
    candidates = matching;
  }
  const [chosen, ...rest] = candidates;
  if (chosen === undefined) throw new ImageSourceError({ kind: 'image-selection', message: `no image in ${where}` });
  if (rest.length > 0) {
    const names = candidates.map(
      (d) => REF_ANNOTATIONS.map((a) => d.annotations?.[a]).find((n) => n !== undefined) ?? d.digest,
    );
    throw new ImageSourceError({
      kind: 'image-selection',
      message: `${where} holds ${candidates.length} images (${names.join(', ')}); choose one by reference`,
    });
  }
  return chosen;
}

/** A layer blob: a blob larger than what the image may still hold fails as the whole image being too large. */
function readLayerBlob(files: ImageFiles, digest: string, budget: LayerBudget): Uint8Array {
  try {
    return readBlob(files, digest, budget.remaining);
  } catch (err) {
    if (isImageSourceError(err) && err.kind === 'too-large') throw budget.exceeded();
    throw err;
  }
}

/** Applies the layers of an image manifest, in order, onto a new tree. */
export function applyManifestLayers(
  files: ImageFiles,
  manifest: Record<string, unknown>,
  selection: ImageSelection,
): FsTree {
  const tree = new FsTree();
  const budget = new LayerBudget(selection.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
  for (const layer of descriptors(manifest.layers, 'image manifest')) {
    const bytes = decompress(
      readLayerBlob(files, layer.digest, budget),
      `layer ${layer.digest}`,
      budget.remaining,
      () => budget.exceeded(),
    );
    budget.take(bytes.length);
    try {
      applyLayer(tree, readTar(bytes), layer.digest);
    } catch (err) {
      if (isTarError(err)) throw new ImageSourceError({ kind: 'invalid-layer', layer: layer.digest, cause: err });
      throw err;
    }
  }
  return tree;
}

/** Reads the selected image of an OCI layout. Throws ImageSourceError (or a wrapped TarError). */
export function readOciImage(files: ImageFiles, selection: ImageSelection = {}): FsTree {
  const layoutFile = readImageJson(files, 'oci-layout');
  if (layoutFile === undefined) throw invalid(`${files.name} has no oci-layout file`);
  const layout = parseJson(layoutFile, 'oci-layout');
  if (typeof layout.imageLayoutVersion !== 'string') throw invalid('oci-layout has no imageLayoutVersion');
  const indexFile = readImageJson(files, 'index.json');
  if (indexFile === undefined) throw invalid(`${files.name} has no index.json`);
  let list = descriptors(parseJson(indexFile, 'index.json').manifests, 'index.json');
  let where = files.name;
  let byName = true;
  for (let depth = 0; depth < 8; depth++) {
    const chosen = choose(list, selection, where, byName);
    const doc = parseJson(readBlob(files, chosen.digest, INPUT_LIMITS.ociJsonBytes), `manifest ${chosen.digest}`);
    const mediaType = typeof doc.mediaType === 'string' ? doc.mediaType : chosen.mediaType;
    if (!INDEX_TYPES.has(mediaType ?? '') && !Array.isArray(doc.manifests))
      return applyManifestLayers(files, doc, selection);
    list = descriptors(doc.manifests, `index ${chosen.digest}`);
    where = `index ${chosen.digest}`;
    byName = false;
  }
  throw invalid('image indexes nest too deeply');
}
