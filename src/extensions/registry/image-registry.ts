// A simulated container registry: images are stored per repository by content digest, tags point at digests
// (pushing again moves the tag, older digests stay pullable), and pulls hand out copies. A pinned reference
// (`repo:tag@sha256:…`) resolves by its digest, as containerd and crane do; a digest the repository does not hold
// fails, naming what the tag points to.
import type { FsTree } from '../fs-tree.js';
import { imageDigest } from './image-digest.js';
import { formatImageReference, type ImageReference, parseImageReference } from './image-reference.js';
import { RegistryError } from './registry-error.js';

export interface RegistryImage {
  /** The reference as parsed (tag kept, digest filled in). */
  readonly reference: ImageReference;
  readonly digest: string;
  /** `repository:tag@digest` (or `repository@digest` without a tag): what `image-digests` lists. */
  readonly pinned: string;
  /** A copy of the image: changing it does not change the registry. */
  readonly image: FsTree;
}

interface Repository {
  readonly tags: Map<string, string>;
  readonly images: Map<string, FsTree>;
}

function materialize(tree: FsTree): FsTree {
  const copy = tree.clone();
  // read lazy contents now, so later changes of the source (a file on disk) cannot change a stored image
  copy.walk((_, node) => {
    if (node.kind === 'file') {
      const bytes = node.read();
      Object.assign(node, { read: () => bytes, size: bytes.length });
    }
    return undefined;
  });
  return copy;
}

export class ImageRegistry {
  private readonly repositories = new Map<string, Repository>();

  /** Stores `image` under `reference` (tag required unless pinned); a pin must match the content's digest. */
  push(reference: string, image: FsTree): RegistryImage {
    const ref = parseImageReference(reference);
    const stored = materialize(image);
    const digest = imageDigest(stored);
    if (ref.digest !== undefined && ref.digest !== digest) {
      throw new RegistryError({ kind: 'digest-mismatch', reference, digest: ref.digest, actual: digest });
    }
    let repo = this.repositories.get(ref.repository);
    if (repo === undefined) {
      repo = { tags: new Map(), images: new Map() };
      this.repositories.set(ref.repository, repo);
    }
    if (!repo.images.has(digest)) repo.images.set(digest, stored);
    if (ref.tag !== undefined) repo.tags.set(ref.tag, digest);
    return this.result(ref, digest, stored);
  }

  /** Resolves a reference to its digest without copying the image. Throws RegistryError. */
  resolve(reference: string): { readonly reference: ImageReference; readonly digest: string } {
    const ref = parseImageReference(reference);
    const repo = this.repositories.get(ref.repository);
    if (repo === undefined)
      throw new RegistryError({ kind: 'repository-not-found', reference, repository: ref.repository });
    const tagDigest = ref.tag === undefined ? undefined : repo.tags.get(ref.tag);
    if (ref.digest !== undefined) {
      if (!repo.images.has(ref.digest)) {
        throw new RegistryError({
          kind: 'digest-not-found',
          reference,
          repository: ref.repository,
          digest: ref.digest,
          ...(tagDigest === undefined ? {} : { tagDigest }),
        });
      }
      return { reference: ref, digest: ref.digest };
    }
    if (tagDigest === undefined) {
      throw new RegistryError({
        kind: 'tag-not-found',
        reference,
        repository: ref.repository,
        tag: ref.tag ?? 'latest',
      });
    }
    return { reference: ref, digest: tagDigest };
  }

  /** Pulls a copy of an image. Throws RegistryError. */
  pull(reference: string): RegistryImage {
    const { reference: ref, digest } = this.resolve(reference);
    const stored = this.repositories.get(ref.repository)?.images.get(digest) as FsTree;
    return this.result(ref, digest, stored);
  }

  /** Tags of a repository, sorted; empty when the repository does not exist. */
  tags(repository: string): string[] {
    const repo = this.repositories.get(parseImageReference(repository).repository);
    return repo === undefined ? [] : [...repo.tags.keys()].sort();
  }

  private result(ref: ImageReference, digest: string, stored: FsTree): RegistryImage {
    const pinnedRef = { ...ref, digest };
    return { reference: pinnedRef, digest, pinned: formatImageReference(pinnedRef), image: stored.clone() };
  }
}
