// Reads an image from a tarball, whichever kind it is: an OCI layout archive (`oci-layout` at the top), a
// `docker save` archive (`manifest.json`), or a flattened filesystem as `crane export` writes it. Gzip is undone first.
import { FsTree } from '../fs-tree.js';
import { isTarError } from '../tar/tar-error.js';
import { readTar, type TarEntry } from '../tar/tar-reader.js';
import { applyLayer } from './apply-layer.js';
import { decompress } from './decompress.js';
import { readDockerArchive } from './docker-archive.js';
import type { ImageFiles } from './image-files.js';
import { ImageSourceError } from './image-source-error.js';
import { type ImageSelection, readOciImage } from './oci-image.js';

export type ImageArchiveFormat = 'oci-archive' | 'docker-archive' | 'flattened';

function normalize(path: string): string {
  return path
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

/** The regular files of an archive by normalized path (hard links resolved), as an ImageFiles. */
function archiveFiles(entries: readonly TarEntry[], name: string): ImageFiles {
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.type === 'file') files.set(normalize(e.path), e.data);
    else if (e.type === 'hardlink') {
      const target = files.get(normalize(e.linkname));
      if (target !== undefined) files.set(normalize(e.path), target);
    }
  }
  return {
    name,
    read: (path, maxBytes) => {
      const bytes = files.get(path);
      if (bytes !== undefined && bytes.length > maxBytes)
        throw new ImageSourceError({ kind: 'too-large', what: `${path} of ${name}`, limit: maxBytes });
      return bytes;
    },
  };
}

export interface ImageArchive {
  readonly format: ImageArchiveFormat;
  readonly image: FsTree;
}

/** Reads an image tarball (`name` labels it in errors). Throws ImageSourceError. */
export function readImageArchive(bytes: Uint8Array, name: string, selection: ImageSelection = {}): ImageArchive {
  const what = `archive ${name}`;
  let entries: TarEntry[];
  try {
    entries = readTar(decompress(bytes, what, selection.maxDecompressedBytes));
  } catch (err) {
    if (isTarError(err)) throw new ImageSourceError({ kind: 'invalid-archive', archive: name, cause: err });
    throw err;
  }
  const files = archiveFiles(entries, what);
  if (files.read('oci-layout', Number.POSITIVE_INFINITY) !== undefined)
    return { format: 'oci-archive', image: readOciImage(files, selection) };
  if (files.read('manifest.json', Number.POSITIVE_INFINITY) !== undefined)
    return { format: 'docker-archive', image: readDockerArchive(files, selection) };
  const image = new FsTree();
  applyLayer(image, entries, name);
  return { format: 'flattened', image };
}
