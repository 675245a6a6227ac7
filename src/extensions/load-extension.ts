// Talos's `Load(dir)` over an image tree: entries in byte order, `manifest.yaml` decoded, `rootfs` remembered, any
// other name rejected; then the manifest and rootfs must both be there (spec talos-extensions §2.3). A manifest
// larger than INPUT_LIMITS.manifestBytes is refused before it is read.
import type { Extension } from './extension.js';
import { ExtensionLoadError } from './extension-load-error.js';
import { type FsNode, type FsTree, pathNames } from './fs-tree.js';
import { INPUT_LIMITS } from './input-limits.js';
import { type ExtensionManifest, isEmptyManifest } from './manifest.js';
import { isManifestDecodeError } from './manifest-decode-error.js';
import { inspectManifest } from './manifest-decoder.js';
import type { ManifestWarning } from './manifest-warning.js';

export interface LoadExtensionOptions {
  /** The path upstream's Load would have been given, used in read errors. Default: `directory`, else `.`. */
  readonly path?: string;
  /** Name of the extension's directory (upstream `Directory()`). Default: the last element of `path`, else ''. */
  readonly directory?: string;
}

const MAX_SYMLINK_HOPS = 40;

/**
 * Follows `manifest.yaml` the way os.Open would, but inside the image: absolute links start at its root, and a link
 * that leads nowhere in the image says so, with its target.
 */
function openManifest(image: FsTree, node: FsNode, display: string): Uint8Array {
  let current = node;
  let dir: string[] = [];
  for (let hops = 0; current.kind === 'symlink'; hops++) {
    if (hops >= MAX_SYMLINK_HOPS) {
      throw new ExtensionLoadError({
        kind: 'read-failed',
        message: `open ${display}: too many levels of symbolic links`,
      });
    }
    const names = current.target.startsWith('/')
      ? pathNames(current.target)
      : pathNames([...dir, current.target].join('/'));
    const next = image.lookup(names.join('/'));
    if (next === undefined) {
      throw new ExtensionLoadError({
        kind: 'read-failed',
        message:
          `open ${display}: no such file or directory ` +
          `(a symbolic link to ${JSON.stringify(current.target)}, which names nothing inside the image)`,
      });
    }
    dir = names.slice(0, -1);
    current = next;
  }
  if (current.kind === 'file') {
    const limit = INPUT_LIMITS.manifestBytes;
    if (current.size > limit) throw new ExtensionLoadError({ kind: 'manifest-too-large', path: display, limit });
    return current.read();
  }
  const reason = current.kind === 'directory' ? 'is a directory' : 'not a regular file';
  throw new ExtensionLoadError({ kind: 'read-failed', message: `read ${display}: ${reason}` });
}

function join(path: string, name: string): string {
  return path.endsWith('/') ? path + name : `${path}/${name}`;
}

/** Loads an extension from its image tree; throws ExtensionLoadError with upstream's texts. */
export function loadExtension(image: FsTree, options: LoadExtensionOptions = {}): Extension {
  const path = options.path ?? options.directory ?? '.';
  const directory = options.directory ?? pathNames(options.path ?? '').pop() ?? '';
  let manifest: ExtensionManifest | undefined;
  let warnings: readonly ManifestWarning[] = [];
  let rootfs: FsNode | undefined;
  for (const name of image.list('/') ?? []) {
    const node = image.root.entries.get(name) as FsNode;
    if (name === 'manifest.yaml') {
      const display = join(path, name);
      try {
        ({ manifest, warnings } = inspectManifest(openManifest(image, node, display)));
      } catch (err) {
        if (isManifestDecodeError(err)) throw new ExtensionLoadError({ kind: 'manifest-decode', cause: err });
        throw err;
      }
      if (manifest.version !== 'v1alpha1') {
        throw new ExtensionLoadError({ kind: 'unsupported-manifest-version', version: manifest.version });
      }
    } else if (name === 'rootfs') {
      rootfs = node;
    } else {
      throw new ExtensionLoadError({ kind: 'unexpected-file', name });
    }
  }
  if (manifest === undefined || isEmptyManifest(manifest)) throw new ExtensionLoadError({ kind: 'manifest-missing' });
  if (rootfs === undefined) throw new ExtensionLoadError({ kind: 'rootfs-missing' });
  return { manifest, directory, image, rootfs, warnings };
}
