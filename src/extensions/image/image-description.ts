// An extension image described in code — a manifest (object or raw YAML) and files by path — for tests and
// scenarios that do not want to build directories or tarballs.
import { stringify } from 'yaml';
import {
  deviceNode,
  directoryNode,
  type FsNode,
  type FsNodeOptions,
  FsTree,
  fileNode,
  specialNode,
  symlinkNode,
} from '../fs-tree.js';
import { type ExtensionManifestInput, manifestFrom } from '../manifest.js';

/** One entry: a string or bytes is a regular file; objects describe any kind with optional metadata. */
export type FileSpec =
  | string
  | Uint8Array
  | (FsNodeOptions &
      (
        | { readonly kind: 'file'; readonly content?: string | Uint8Array }
        | { readonly kind: 'directory' }
        | { readonly kind: 'symlink'; readonly target: string }
        | { readonly kind: 'char-device' | 'block-device'; readonly major: number; readonly minor: number }
        | { readonly kind: 'fifo' | 'socket' }
      ));

export interface ImageDescription {
  /** `manifest.yaml`: a manifest (encoded as YAML), raw YAML text, or absent for an image without one. */
  readonly manifest?: ExtensionManifestInput | string;
  /** Contents of `rootfs/` by absolute path (`/usr/local/bin/x`); absent for an image without `rootfs/`. */
  readonly rootfs?: Readonly<Record<string, FileSpec>>;
  /** Other entries at the image root, by path, to exercise the load rules (`README`, `pkg.yaml`). */
  readonly extra?: Readonly<Record<string, FileSpec>>;
}

function toNode(spec: FileSpec): FsNode {
  if (typeof spec === 'string' || spec instanceof Uint8Array) return fileNode(spec);
  switch (spec.kind) {
    case 'file':
      return fileNode(spec.content ?? '', spec);
    case 'directory':
      return directoryNode(spec);
    case 'symlink':
      return symlinkNode(spec.target, spec);
    case 'char-device':
    case 'block-device':
      return deviceNode(spec.kind, spec.major, spec.minor, spec);
    case 'fifo':
    case 'socket':
      return specialNode(spec.kind, spec);
  }
}

/** Encodes a manifest as YAML in the shape of siderolabs/extensions manifests; extraInfo only when set. */
export function encodeManifest(input: ExtensionManifestInput): string {
  const m = manifestFrom(input);
  const { extraInfo, ...metadata } = m.metadata;
  return stringify({ version: m.version, metadata: extraInfo === '' ? metadata : { ...metadata, extraInfo } });
}

/** Builds the image tree a description stands for. */
export function imageFromDescription(description: ImageDescription): FsTree {
  const tree = new FsTree();
  const put = (prefix: string, entries: Readonly<Record<string, FileSpec>>) => {
    // parents first, so explicit directory entries keep their metadata when children follow
    for (const path of Object.keys(entries).sort()) {
      const node = toNode(entries[path] as FileSpec);
      const existing = tree.lookup(`${prefix}/${path}`);
      if (existing?.kind === 'directory' && node.kind === 'directory')
        Object.assign(existing, { ...node, entries: existing.entries });
      else tree.put(`${prefix}/${path}`, node);
    }
  };
  if (description.manifest !== undefined) {
    const text = typeof description.manifest === 'string' ? description.manifest : encodeManifest(description.manifest);
    tree.put('manifest.yaml', fileNode(text));
  }
  if (description.rootfs !== undefined) {
    tree.put('rootfs', directoryNode());
    put('rootfs', description.rootfs);
  }
  if (description.extra !== undefined) put('', description.extra);
  return tree;
}
