// One entry point for every image source: a directory (`manifest.yaml` + `rootfs/`), an OCI layout directory, a
// tarball (OCI archive, docker-archive, flattened export; gzip or not), or an in-memory description. Only directories
// and regular files are inputs; every file is read through safe-fs, bounded, and a layout's files only where
// symbolic links keep them inside the layout.
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  fileKindOf,
  isSafeFsError,
  readRegularFile,
  readRegularFileInside,
  type SafeFsError,
} from '../../safe-fs/index.js';
import type { FsTree } from '../fs-tree.js';
import { parseImageReference } from '../registry/image-reference.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from './decompress.js';
import { readDirectoryImage } from './directory-image.js';
import { readImageArchive } from './image-archive.js';
import { type ImageDescription, imageFromDescription } from './image-description.js';
import type { ImageFiles } from './image-files.js';
import { ImageSourceError } from './image-source-error.js';
import { type ImageSelection, readOciImage } from './oci-image.js';

export type ImageSource =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'oci-layout'; readonly path: string }
  | { readonly kind: 'archive'; readonly path: string }
  | { readonly kind: 'description'; readonly description: ImageDescription };

function notFound(path: string, linkTarget?: string): ImageSourceError {
  const link = linkTarget === undefined ? '' : ` (a symbolic link to ${JSON.stringify(linkTarget)})`;
  return new ImageSourceError({ kind: 'read-failed', message: `open ${path}: no such file or directory${link}` });
}

function statError(path: string, display: string, err: unknown): ImageSourceError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP')
    return new ImageSourceError({ kind: 'read-failed', message: `open ${display}: too many levels of symbolic links` });
  if (code === 'EACCES')
    return new ImageSourceError({ kind: 'read-failed', message: `open ${display}: permission denied` });
  if (code === 'ENOTDIR')
    return new ImageSourceError({ kind: 'read-failed', message: `open ${display}: not a directory` });
  let target: string | undefined;
  try {
    target = readlinkSync(path);
  } catch {
    // not a link: a plain missing path
  }
  return notFound(display, target);
}

/**
 * Decides what kind of source a path is: an OCI layout directory has an `oci-layout` file, another directory is an
 * unpacked image, a regular file is a tarball. A symbolic link the caller names is followed; anything else (a device,
 * a FIFO, a socket) throws ImageSourceError `unsupported-file`. `display` names the path in errors (default: it).
 */
export function detectImageSource(path: string, display = path): ImageSource {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    throw statError(path, display, err);
  }
  if (st.isFile()) return { kind: 'archive', path };
  if (!st.isDirectory())
    throw new ImageSourceError({ kind: 'unsupported-file', path: display, fileKind: fileKindOf(st) });
  try {
    if (lstatSync(join(path, 'oci-layout')).isFile()) return { kind: 'oci-layout', path };
  } catch {
    // no oci-layout file: an unpacked extension directory
  }
  return { kind: 'directory', path };
}

/** A safe-fs failure as the image readers report it. */
function sourceError(err: SafeFsError): ImageSourceError {
  switch (err.detail.kind) {
    case 'too-large':
      return new ImageSourceError({ kind: 'too-large', what: err.detail.path, limit: err.detail.limit });
    case 'escapes-directory':
      return new ImageSourceError({ kind: 'invalid-oci-layout', message: err.message });
    default:
      return new ImageSourceError({ kind: 'read-failed', message: err.message });
  }
}

/** The files of an OCI layout directory: regular files inside it only, each read bounded. */
function layoutFiles(layout: string): ImageFiles {
  return {
    name: layout,
    read(path, maxBytes) {
      try {
        return readRegularFileInside(layout, path, { maxBytes });
      } catch (err) {
        if (isSafeFsError(err) && err.kind === 'not-found') return undefined;
        if (isSafeFsError(err)) throw sourceError(err);
        throw err;
      }
    },
  };
}

function readArchiveFile(path: string, maxBytes: number): Uint8Array {
  try {
    return readRegularFile(path, { maxBytes });
  } catch (err) {
    if (isSafeFsError(err) && err.kind === 'not-found') throw notFound(path);
    if (isSafeFsError(err)) throw sourceError(err);
    throw err;
  }
}

/** Reads the image a source stands for. Throws ImageSourceError. */
export function readImage(source: ImageSource, selection: ImageSelection = {}): FsTree {
  switch (source.kind) {
    case 'directory':
      return readDirectoryImage(source.path);
    case 'oci-layout':
      return readOciImage(layoutFiles(source.path), selection);
    case 'archive': {
      const bytes = readArchiveFile(source.path, selection.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
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

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * An existing path (directory, OCI layout, tarball) relative to `cwd`, else an image reference; a bare word that is
 * neither is a missing path (`open <arg>: no such file or directory`), not an image on Docker Hub. A symbolic link
 * counts as an existing path, so a dangling one or a loop is reported as such.
 */
export function classifyImageArgument(arg: string, cwd: string): ImageArgument {
  // an empty argument names no file (Go's os.Open("") fails so), not the working directory resolve('') gives
  if (arg === '') throw notFound(arg);
  const path = resolve(cwd, arg);
  if (exists(path)) return { kind: 'path', path, source: detectImageSource(path, arg) };
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
