// One entry point for every image source: a directory (`manifest.yaml` + `rootfs/`), an OCI layout directory, a
// tarball (OCI archive, docker-archive, flattened export; gzip or not), or an in-memory description.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FsTree } from '../fs-tree.js';
import { parseImageReference } from '../registry/image-reference.js';
import { readDirectoryImage } from './directory-image.js';
import { readImageArchive } from './image-archive.js';
import { type ImageDescription, imageFromDescription } from './image-description.js';
import { ImageSourceError } from './image-source-error.js';
import { type ImageSelection, readOciImage } from './oci-image.js';

export type ImageSource =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'oci-layout'; readonly path: string }
  | { readonly kind: 'archive'; readonly path: string }
  | { readonly kind: 'description'; readonly description: ImageDescription };

function notFound(path: string): ImageSourceError {
  return new ImageSourceError({ kind: 'read-failed', message: `open ${path}: no such file or directory` });
}

/** Decides what kind of source a path is: an OCI layout directory has an `oci-layout` file. */
export function detectImageSource(path: string): ImageSource {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw notFound(path);
  }
  if (!isDirectory) return { kind: 'archive', path };
  try {
    if (statSync(join(path, 'oci-layout')).isFile()) return { kind: 'oci-layout', path };
  } catch {
    // no oci-layout file: an unpacked extension directory
  }
  return { kind: 'directory', path };
}

function readFileOrUndefined(path: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Reads the image a source stands for. Throws ImageSourceError. */
export function readImage(source: ImageSource, selection: ImageSelection = {}): FsTree {
  switch (source.kind) {
    case 'directory':
      return readDirectoryImage(source.path);
    case 'oci-layout':
      return readOciImage({ name: source.path, read: (p) => readFileOrUndefined(join(source.path, p)) }, selection);
    case 'archive': {
      const bytes = readFileOrUndefined(source.path);
      if (bytes === undefined) throw notFound(source.path);
      return readImageArchive(bytes, source.path, selection).image;
    }
    case 'description':
      return imageFromDescription(source.description);
  }
}

/** What a command-line or scenario argument names: an image on disk, or an image reference in a registry. */
export type ImageArgument =
  | { readonly kind: 'path'; readonly path: string; readonly source: ImageSource }
  | { readonly kind: 'reference'; readonly reference: string };

/**
 * An existing path (directory, OCI layout, tarball) relative to `cwd`, else an image reference; a bare word that is
 * neither is a missing path (`open <arg>: no such file or directory`), not an image on Docker Hub.
 */
export function classifyImageArgument(arg: string, cwd: string): ImageArgument {
  const path = resolve(cwd, arg);
  if (existsSync(path)) return { kind: 'path', path, source: detectImageSource(path) };
  if (/[:/@]/.test(arg)) {
    try {
      parseImageReference(arg);
      return { kind: 'reference', reference: arg };
    } catch {
      // not a reference either: report the path
    }
  }
  throw notFound(arg);
}
