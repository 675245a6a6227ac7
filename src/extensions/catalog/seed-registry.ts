// The default catalog's registry: an ImageRegistry that builds the seeded images and index images only when a
// reference first needs them, so creating it costs nothing however many releases the seed covers, and a release's
// index costs its own images and at most one more build per reused tag.
//
// It answers as if every release had been published in SEED_RELEASES order. A tag several releases share (one
// without the Talos tag in it, e.g. `hello-world-service:v1.0.0`) points at the newest release's build whatever was
// asked first; an older build is made when its release's index, or a digest the builds so far lack, is asked for.
// Seeded repositories exist from the start, so a tag the seed lacks is reported missing from its repository.
import type { FsTree } from '../fs-tree.js';
import { type ImageReference, parseImageReference } from '../registry/image-reference.js';
import { ImageRegistry, type RegistryImage } from '../registry/image-registry.js';
import { DEFAULT_INDEX_REPOSITORY } from './extensions-catalog.js';
import { buildIndexImage, type IndexedImage } from './index-image.js';
import { buildSeedImage, SEED_REPOSITORY_PREFIX } from './seed-image.js';
import { SEED_RELEASES } from './seed-releases.js';

const RELEASES = Object.keys(SEED_RELEASES);

/** Image name → tag → the releases listing it, in table order (the last one's build is what the tag points to). */
function seededTags(): Map<string, Map<string, string[]>> {
  const names = new Map<string, Map<string, string[]>>();
  for (const [talos, images] of Object.entries(SEED_RELEASES)) {
    for (const [name, tag] of Object.entries(images)) {
      const tags = names.get(name) ?? new Map<string, string[]>();
      tags.set(tag, [...(tags.get(tag) ?? []), talos]);
      names.set(name, tags);
    }
  }
  return names;
}

/** How much of a repository a reference needs: the build a tag points to, every build of a tag, or all builds. */
type Scope = 'newest' | 'tag' | 'repository';

export class SeedRegistry extends ImageRegistry {
  /** Built images by `<release> <name>`. */
  private readonly built = new Map<string, IndexedImage>();
  private readonly indexed = new Set<string>();
  private seed: Map<string, Map<string, string[]>> | undefined;
  /** Whether an index image was pushed from outside: the seed then no longer says what the indexes list. */
  private indexPushed = false;

  override push(reference: string, image: FsTree): RegistryImage {
    // a push over a seeded tag lands after every build of it, as on a registry filled beforehand
    this.ensure(reference, 'tag');
    const pushed = super.push(reference, image);
    if (pushed.reference.repository === DEFAULT_INDEX_REPOSITORY) this.indexPushed = true;
    return pushed;
  }

  /**
   * The tagged references the index image `reference` lists (its `image-digests` lines left of the `@`), answered
   * from the seed without building anything; undefined when the seed does not decide it (not a seeded release, or an
   * index image was pushed over the seed's).
   */
  seededIndexReferences(reference: string): string[] | undefined {
    let ref: ImageReference;
    try {
      ref = parseImageReference(reference);
    } catch {
      return undefined;
    }
    const images = ref.tag === undefined ? undefined : SEED_RELEASES[ref.tag];
    if (ref.repository !== DEFAULT_INDEX_REPOSITORY || ref.digest !== undefined || this.indexPushed) return undefined;
    return images && Object.entries(images).map(([name, tag]) => `${SEED_REPOSITORY_PREFIX}${name}:${tag}`);
  }

  override resolve(reference: string): ReturnType<ImageRegistry['resolve']> {
    this.ensure(reference, 'newest');
    return super.resolve(reference);
  }

  override tags(repository: string): string[] {
    this.ensure(repository, 'repository');
    return super.tags(repository);
  }

  private ensure(reference: string, scope: Scope): void {
    let ref: ImageReference;
    try {
      ref = parseImageReference(reference);
    } catch {
      return; // the registry itself reports the bad reference
    }
    if (ref.repository === DEFAULT_INDEX_REPOSITORY) {
      this.ensureIndexes(ref, scope);
      return;
    }
    const name = ref.repository.slice(SEED_REPOSITORY_PREFIX.length);
    this.seed ??= seededTags();
    const tags = ref.repository.startsWith(SEED_REPOSITORY_PREFIX) ? this.seed.get(name) : undefined;
    if (tags === undefined) return;
    const releases = ref.tag === undefined ? undefined : tags.get(ref.tag);
    if (scope !== 'repository' && releases !== undefined) {
      for (const talos of scope === 'tag' ? releases : releases.slice(-1)) this.ensureBuilt(talos, name, ref.tag ?? '');
    } else if (scope !== 'repository' && !this.holdsAny(name)) {
      const [tag, newest] = [...tags].at(-1) as [string, string[]];
      this.ensureBuilt(newest.at(-1) as string, name, tag);
    }
    if (scope === 'repository' || (ref.digest !== undefined && !this.holds(name, ref.digest))) {
      for (const [tag, all] of tags) for (const talos of all) this.ensureBuilt(talos, name, tag);
    }
  }

  private ensureIndexes(ref: ImageReference, scope: Scope): void {
    if (scope === 'repository' || (ref.tag === undefined && ref.digest !== undefined)) {
      for (const talos of RELEASES) this.ensureIndex(talos);
    } else if (ref.tag !== undefined && RELEASES.includes(ref.tag)) {
      this.ensureIndex(ref.tag);
    } else if (this.indexed.size === 0) {
      this.ensureIndex(RELEASES.at(-1) as string);
    }
  }

  private holdsAny(name: string): boolean {
    return [...this.built.keys()].some((key) => key.endsWith(` ${name}`));
  }

  private holds(name: string, digest: string): boolean {
    for (const [key, image] of this.built) {
      if (key.endsWith(` ${name}`) && image.pinned.endsWith(`@${digest}`)) return true;
    }
    return false;
  }

  /** Builds and pushes `name:tag` as `talos` had it, leaving the tag on the newest release's build. */
  private ensureBuilt(talos: string, name: string, tag: string): IndexedImage {
    const key = `${talos} ${name}`;
    const done = this.built.get(key);
    if (done !== undefined) return done;
    const reference = `${SEED_REPOSITORY_PREFIX}${name}:${tag}`;
    const image = buildSeedImage(talos, name, tag);
    const built = { pinned: super.push(reference, image).pinned, image };
    this.built.set(key, built);
    this.seed ??= seededTags();
    const newest = this.seed.get(name)?.get(tag)?.at(-1) as string;
    if (newest !== talos) {
      const wasBuilt = this.built.has(`${newest} ${name}`);
      const canonical = this.ensureBuilt(newest, name, tag);
      if (wasBuilt) super.push(reference, canonical.image); // same contents: only moves the tag back
    }
    return built;
  }

  private ensureIndex(talos: string): void {
    if (this.indexed.has(talos)) return;
    this.indexed.add(talos);
    const images = Object.entries(SEED_RELEASES[talos] ?? {}).map(([name, tag]) => this.ensureBuilt(talos, name, tag));
    super.push(`${DEFAULT_INDEX_REPOSITORY}:${talos}`, buildIndexImage(images));
  }
}
