// Ten extension images of five files each (binaries, a kernel module placeholder each, firmware in the first), the
// input of the imager and cluster benchmarks.
import { type FsTree, ImageRegistry, imageFromDescription } from '../src/extensions/index.js';

const EXTENSIONS = 10;
const FILES = 5;
const MODULES = '/usr/lib/modules/6.12.48-talos';

/** Deterministic pseudo-random bytes, every other byte zero: compressible about like binaries. */
function content(seed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 2) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** Ten extension images: binaries, one kernel module each (placeholders), one with firmware. */
export function benchExtensionImages(fileSize: number): {
  registry: ImageRegistry;
  references: string[];
  trees: FsTree[];
} {
  const registry = new ImageRegistry();
  const references: string[] = [];
  const trees: FsTree[] = [];
  for (let e = 0; e < EXTENSIONS; e++) {
    const rootfs: Record<string, Uint8Array | string> = {};
    for (let f = 0; f < FILES; f++) rootfs[`/usr/local/lib/bench${e}/lib${f}.so`] = content(e * 100 + f + 1, fileSize);
    rootfs[`${MODULES}/extras/bench${e}.ko`] = `bench module ${e}\n`;
    if (e === 0) rootfs['/usr/lib/firmware/bench/fw.bin'] = content(999, fileSize);
    const image = imageFromDescription({
      manifest: { version: 'v1alpha1', metadata: { name: `bench${e}`, version: '1.0.0', author: 'bench' } },
      rootfs,
    });
    const reference = `ghcr.io/bench/bench${e}:1.0.0`;
    registry.push(reference, image);
    references.push(reference);
    trees.push(image);
  }
  return { registry, references, trees };
}
