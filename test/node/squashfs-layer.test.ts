// A squashfs fixture image mounted as an overlay layer reads back as its source tree.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { squashfsLayer } from '../../src/node/squashfs-layer.js';
import { createNodeFs, Overlay, treeLayer } from '../../src/overlayfs-sim/index.js';
import { SquashfsImage } from '../../src/squashfs/index.js';
import { describeWithFixtures, fixturesDir, imagePath } from '../squashfs/fixtures.js';

/** Every path under dir, depth first, sorted. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix))
    .sort()
    .flatMap((name) => {
      const rel = `${prefix}/${name}`;
      return lstatSync(join(dir, rel)).isDirectory() && !lstatSync(join(dir, rel)).isSymbolicLink()
        ? [rel, ...walk(dir, rel)]
        : [rel];
    });
}

describeWithFixtures('squashfsLayer', () => {
  it.each(['talos-ext-zstd', 'talos-ext-xz'])(
    'exposes %s through an overlay exactly as its source tree',
    async (name) => {
      const image = await SquashfsImage.open(imagePath(name));
      const fs = createNodeFs(new Overlay({ lowers: [squashfsLayer(image, `/layers/${name}`)] }));
      const src = join(fixturesDir(), 'src');
      const paths = walk(src).filter((p) => !lstatSync(join(src, p)).isFIFO() && !lstatSync(join(src, p)).isSocket());
      expect(paths.length).toBeGreaterThan(100);
      for (const p of paths) {
        const want = lstatSync(join(src, p));
        const got = fs.lstatSync(p);
        expect([p, got.mode]).toEqual([p, want.mode]);
        if (want.isFile()) expect(Buffer.from(fs.readFileSync(p)).equals(readFileSync(join(src, p)))).toBe(true);
        if (want.isSymbolicLink()) expect(fs.readlinkSync(p)).toBe(readlinkSync(join(src, p)));
      }
      image.close();
    },
  );

  it('lets a layer above hide and replace entries of the image', async () => {
    const image = await SquashfsImage.open(imagePath('talos-ext-zstd'));
    const [first] = image.readdir('/');
    const name = first?.name as string;
    const top = treeLayer({ [name]: 'replaced\n' });
    const fs = createNodeFs(new Overlay({ lowers: [top, squashfsLayer(image, 'img')] }));
    expect(fs.readFileSync(`/${name}`, 'utf8')).toBe('replaced\n');
    image.close();
  });
});
