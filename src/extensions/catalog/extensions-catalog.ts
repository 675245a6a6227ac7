// The extensions catalog of siderolabs/extensions (spec extension-catalog §5): per Talos release an index image
// `ghcr.io/siderolabs/extensions:v<version>` whose root holds `image-digests` (one pinned reference a line) and
// `descriptions.yaml`. `find` answers what
// `crane export ghcr.io/siderolabs/extensions:v<version> | tar x -O image-digests | grep <name>` prints.
import type { FsTree } from '../fs-tree.js';
import type { ImageRegistry } from '../registry/image-registry.js';
import { parseTalosVersion, talosTag } from '../talos-version.js';
import { buildIndexImage } from './index-image.js';

export const DEFAULT_INDEX_REPOSITORY = 'ghcr.io/siderolabs/extensions';

export interface ExtensionsCatalogOptions {
  /** Repository of the index images. Default `ghcr.io/siderolabs/extensions`. */
  readonly indexRepository?: string;
}

/** An image to publish in a release's index: pushed under `reference` (`repo:tag`). */
export interface CatalogImage {
  readonly reference: string;
  readonly image: FsTree;
}

/** One `image-digests` line, as talosctl and Image Factory parse it: cut at the first `@`. */
export interface CatalogEntry {
  /** The whole line, e.g. `ghcr.io/siderolabs/gvisor:20260427.0@sha256:…`. */
  readonly pinned: string;
  /** The tagged reference left of the `@`. */
  readonly reference: string;
  readonly digest: string;
}

const decoder = new TextDecoder();

/** A registry that can tell what an index image lists without building it (the default catalog's seed). */
interface SeededIndexes {
  seededIndexReferences(reference: string): string[] | undefined;
}

export class ExtensionsCatalog {
  readonly indexRepository: string;

  constructor(
    readonly registry: ImageRegistry,
    options: ExtensionsCatalogOptions = {},
  ) {
    this.indexRepository = options.indexRepository ?? DEFAULT_INDEX_REPOSITORY;
  }

  /** The index image reference of a Talos version (`1.14.0` and `v1.14.0` alike). */
  indexReference(talosVersion: string): string {
    return `${this.indexRepository}:${talosTag(parseTalosVersion(talosVersion))}`;
  }

  /**
   * Pushes the images and an index image for `talosVersion` listing them in the given order, with their authors
   * and descriptions in `descriptions.yaml`. Returns the `image-digests` lines.
   */
  publish(talosVersion: string, images: readonly CatalogImage[]): string[] {
    const pushed = images.map(({ reference, image }) => this.registry.push(reference, image));
    this.registry.push(this.indexReference(talosVersion), buildIndexImage(pushed));
    return pushed.map((p) => p.pinned);
  }

  /** The raw `image-digests` text of a release's index. Throws RegistryError when there is no index. */
  imageDigestsFile(talosVersion: string): string {
    const index = this.registry.pull(this.indexReference(talosVersion)).image;
    const file = index.lookup('image-digests');
    return file?.kind === 'file' ? decoder.decode(file.read()) : '';
  }

  /** The entries of a release's index, parsed as talosctl does (lines without `@` skipped). */
  entries(talosVersion: string): CatalogEntry[] {
    return this.imageDigestsFile(talosVersion)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.includes('@'))
      .map((pinned) => {
        const at = pinned.indexOf('@');
        return { pinned, reference: pinned.slice(0, at), digest: pinned.slice(at + 1) };
      });
  }

  /**
   * What the index of a release lists, by tagged reference (the entries' `reference`, in order), and whether that
   * follows from talos-sim's own seed (`seeded`: the same for every catalog of the same talos-sim build). The default
   * catalog answers from its seed without building the release's images, which `entries` needs for their digests.
   */
  references(talosVersion: string): { readonly references: string[]; readonly seeded: boolean } {
    const seeded = (this.registry as Partial<SeededIndexes>).seededIndexReferences?.(this.indexReference(talosVersion));
    if (seeded !== undefined) return { references: seeded, seeded: true };
    return { references: this.entries(talosVersion).map((e) => e.reference), seeded: false };
  }

  /** The lines of `image-digests` containing `name`, as `grep <name>` prints them (a fixed-string match). */
  find(name: string, talosVersion: string): string[] {
    const text = this.imageDigestsFile(talosVersion);
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    return text === '' ? [] : lines.filter((l) => l.includes(name));
  }
}
