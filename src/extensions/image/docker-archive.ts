// Reads an image from a `docker save` archive (legacy layout: `manifest.json` naming each image's layer tarballs).
import { createHash } from 'node:crypto';
import { FsTree } from '../fs-tree.js';
import { isTarError } from '../tar/tar-error.js';
import { readTar } from '../tar/tar-reader.js';
import { applyLayer } from './apply-layer.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, decompress } from './decompress.js';
import type { ImageFiles } from './image-files.js';
import { parseImageJson, readImageJson } from './image-json.js';
import { ImageSourceError, isImageSourceError } from './image-source-error.js';
import { LayerBudget } from './layer-budget.js';
import type { ImageSelection } from './oci-image.js';

interface DockerManifestEntry {
  readonly RepoTags?: readonly string[] | null;
  readonly Layers: readonly string[];
}

function invalid(message: string): ImageSourceError {
  return new ImageSourceError({ kind: 'invalid-docker-archive', message });
}

function entries(bytes: Uint8Array): DockerManifestEntry[] {
  const parsed = parseImageJson(bytes);
  if (!parsed.ok) throw invalid(`manifest.json ${parsed.reason}`);
  const value = parsed.value;
  if (!Array.isArray(value)) throw invalid('manifest.json is not a list of images');
  return value.map((e, i) => {
    const layers = (e as DockerManifestEntry | null)?.Layers;
    if (!Array.isArray(layers) || !layers.every((l) => typeof l === 'string'))
      throw invalid(`image ${i} has no layer list`);
    return e as DockerManifestEntry;
  });
}

function readLayer(files: ImageFiles, path: string, budget: LayerBudget): Uint8Array | undefined {
  try {
    return files.read(path, budget.remaining);
  } catch (err) {
    if (isImageSourceError(err) && err.kind === 'too-large') throw budget.exceeded();
    throw err;
  }
}

/** Reads the selected image of a docker-archive. Throws ImageSourceError. */
export function readDockerArchive(files: ImageFiles, selection: ImageSelection = {}): FsTree {
  const manifest = readImageJson(files, 'manifest.json');
  if (manifest === undefined) throw invalid(`${files.name} has no manifest.json`);
  let images = entries(manifest);
  if (selection.reference !== undefined) {
    const ref = selection.reference;
    images = images.filter((e) => e.RepoTags?.includes(ref) === true);
    if (images.length === 0) {
      throw new ImageSourceError({
        kind: 'image-selection',
        message: `no image tagged ${JSON.stringify(ref)} in ${files.name}`,
      });
    }
  }
  const [image, ...rest] = images;
  if (image === undefined) throw invalid('manifest.json lists no image');
  if (rest.length > 0) {
    const tags = images.flatMap((e) => e.RepoTags ?? ['<untagged>']);
    throw new ImageSourceError({
      kind: 'image-selection',
      message: `${files.name} holds ${images.length} images (${tags.join(', ')}); choose one by reference`,
    });
  }
  const tree = new FsTree();
  const budget = new LayerBudget(selection.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
  for (const path of image.Layers) {
    const raw = readLayer(files, path, budget);
    if (raw === undefined) throw invalid(`layer ${path} is missing`);
    const blob = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path);
    if (blob !== null) {
      const actual = createHash('sha256').update(raw).digest('hex');
      if (actual !== blob[1]) {
        throw new ImageSourceError({
          kind: 'blob-digest-mismatch',
          expected: `sha256:${blob[1]}`,
          actual: `sha256:${actual}`,
        });
      }
    }
    const bytes = decompress(raw, `layer ${path}`, budget.remaining, () => budget.exceeded());
    budget.take(bytes.length);
    try {
      applyLayer(tree, readTar(bytes), path);
    } catch (err) {
      if (isTarError(err)) throw new ImageSourceError({ kind: 'invalid-layer', layer: path, cause: err });
      throw err;
    }
  }
  return tree;
}
