// The default catalog builds its images on first use; these tests hold it to what publishing every release up
// front, in table order, would give: the same index files, tags that end on the newest release whatever is asked
// first, older builds of a reused tag still pullable by digest, and a user's push landing over the seed.
import { describe, expect, it } from 'vitest';
import {
  createDefaultCatalog,
  ExtensionsCatalog,
  ImageRegistry,
  imageFromDescription,
  SEEDED_TALOS_RELEASES,
} from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';

const decoder = new TextDecoder();
const file = (catalog: ExtensionsCatalog, talos: string, name: string) => {
  const node = catalog.registry.pull(catalog.indexReference(talos)).image.lookup(name);
  return node?.kind === 'file' ? decoder.decode(node.read()) : undefined;
};

/** Every seeded `repo:tag`, from the indexes. */
function seededTags(catalog: ExtensionsCatalog): string[] {
  return [...new Set(SEEDED_TALOS_RELEASES.flatMap((t) => catalog.entries(t).map((e) => e.reference)))];
}

describe('the lazily built default catalog', () => {
  it('equals the catalog published eagerly, release after release', () => {
    const lazy = createDefaultCatalog();
    const eager = new ExtensionsCatalog(new ImageRegistry());
    for (const talos of SEEDED_TALOS_RELEASES) {
      const images = lazy.entries(talos).map((e) => ({
        reference: e.reference,
        image: lazy.registry.pull(e.pinned).image,
      }));
      eager.publish(talos, images);
    }
    const fresh = createDefaultCatalog();
    for (const talos of [...SEEDED_TALOS_RELEASES].reverse()) {
      expect(file(fresh, talos, 'image-digests')).toBe(file(eager, talos, 'image-digests'));
      expect(file(fresh, talos, 'descriptions.yaml')).toBe(file(eager, talos, 'descriptions.yaml'));
    }
    for (const ref of seededTags(eager)) {
      expect(fresh.registry.resolve(ref).digest, ref).toBe(eager.registry.resolve(ref).digest);
    }
    // what the seed lacks is missing from repositories that exist
    for (const ref of [
      'ghcr.io/siderolabs/extensions:v1.13.3',
      'ghcr.io/siderolabs/gvisor:20990101.0',
      'ghcr.io/siderolabs/gvisor',
      'ghcr.io/siderolabs/cloudflared:2026.5.0',
    ]) {
      const message = (catalog: ExtensionsCatalog) => thrown(() => catalog.registry.resolve(ref)).message;
      expect(message(createDefaultCatalog()), ref).toBe(message(eager));
    }
  });

  it('points a reused tag at the newest release whichever is asked first', () => {
    const newestFirst = createDefaultCatalog();
    newestFirst.entries('v1.14.0-rc.1');
    const oldestFirst = createDefaultCatalog();
    oldestFirst.entries('v1.7.7');
    const untouched = createDefaultCatalog();
    for (const ref of ['ghcr.io/siderolabs/hello-world-service:v1.0.0', 'ghcr.io/siderolabs/mdadm:v4.6']) {
      const digest = untouched.registry.resolve(ref).digest;
      expect(newestFirst.registry.resolve(ref).digest).toBe(digest);
      expect(oldestFirst.registry.resolve(ref).digest).toBe(digest);
    }
    const [rc1] = untouched.find('hello-world-service', 'v1.14.0-rc.1');
    expect(untouched.registry.resolve('ghcr.io/siderolabs/hello-world-service:v1.0.0').digest).toBe(rc1?.split('@')[1]);
  });

  it('pulls an older build of a reused tag by digest, without its index asked for', () => {
    const [v177] = createDefaultCatalog().find('hello-world-service', 'v1.7.7');
    const fresh = createDefaultCatalog();
    const digest = v177?.split('@')[1] as string;
    expect(fresh.registry.pull(v177 as string).digest).toBe(digest);
    expect(fresh.registry.pull(`ghcr.io/siderolabs/hello-world-service@${digest}`).digest).toBe(digest);
    expect(fresh.registry.tags('ghcr.io/siderolabs/hello-world-service')).toEqual(
      expect.arrayContaining(['v1.0.0', 'v1.0.0-10-g82b41ad', 'v1.6.8']),
    );
  });

  it('lets a push over a seeded tag or index win, as on a registry filled beforehand', () => {
    const catalog = createDefaultCatalog();
    const own = imageFromDescription({ manifest: { version: 'v1alpha1', metadata: { name: 'gvisor' } }, rootfs: {} });
    const pushed = catalog.registry.push('ghcr.io/siderolabs/gvisor:20260810.0', own);
    expect(catalog.registry.resolve('ghcr.io/siderolabs/gvisor:20260810.0').digest).toBe(pushed.digest);
    const lines = catalog.publish('v1.13.9', [{ reference: 'ghcr.io/siderolabs/gvisor:20260810.0', image: own }]);
    expect(catalog.entries('v1.13.9').map((e) => e.pinned)).toEqual(lines);
    // building an older release's copy of a reused tag afterwards leaves the user's image on it
    const hello = catalog.registry.push('ghcr.io/siderolabs/hello-world-service:v1.0.0', own);
    catalog.entries('v1.7.7');
    expect(catalog.registry.resolve('ghcr.io/siderolabs/hello-world-service:v1.0.0').digest).toBe(hello.digest);
  });

  it('tells what an index lists from the seed, without building it, until an index is pushed over the seed', () => {
    const built = createDefaultCatalog();
    for (const talos of SEEDED_TALOS_RELEASES) {
      const fresh = createDefaultCatalog();
      expect(fresh.references(talos), talos).toEqual({
        references: built.entries(talos).map((e) => e.reference),
        seeded: true,
      });
    }
    const catalog = createDefaultCatalog();
    const own = imageFromDescription({ manifest: { version: 'v1alpha1', metadata: { name: 'gvisor' } }, rootfs: {} });
    catalog.publish('v1.11.2', [{ reference: 'ghcr.io/siderolabs/gvisor:20260810.0', image: own }]);
    expect(catalog.references('v1.11.2')).toEqual({
      references: ['ghcr.io/siderolabs/gvisor:20260810.0'],
      seeded: false,
    });
    // any index pushed from outside: the seed no longer decides what the others list either
    expect(catalog.references('v1.10.9').seeded).toBe(false);
    expect(thrown(() => createDefaultCatalog().references('v1.13.3')).message).toBe(
      thrown(() => createDefaultCatalog().entries('v1.13.3')).message,
    );
  });
});
