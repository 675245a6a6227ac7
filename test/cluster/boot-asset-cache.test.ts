// The boot-asset cache: what is read back is the asset that was stored, a damaged entry is detected, dropped and
// rebuilt, entries are replaced atomically and evicted beyond the size bound, and `sim` uses it between runs.
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { FsTree, fileNode, imageDigest } from '../../src/extensions/index.js';
import {
  type BootAsset,
  BootAssetCache,
  buildBootAsset,
  buildFactoryBootAsset,
  clustersDirectory,
  createDefaultCatalog,
  decodeBootAsset,
  defaultBootAssetCacheDirectory,
  encodeBootAsset,
  imageFromDescription,
  VirtualClock,
} from '../../src/index.js';
import { rejection } from '../support/errors.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 100);
let asset: BootAsset;

beforeAll(async () => {
  asset = await buildFactoryBootAsset({
    talosVersion: 'v1.11.2',
    schematic: {
      customization: { systemExtensions: { officialExtensions: ['siderolabs/gvisor', 'siderolabs/drbd'] } },
    },
    catalog: createDefaultCatalog(),
  });
});

function listing(tree: FsTree): string[] {
  const out: string[] = [];
  tree.walk((path, node) => {
    out.push(
      `${path} ${node.kind} ${node.mode.toString(8)} ${node.kind === 'file' ? Buffer.from(node.read()).toString('base64') : ''}`,
    );
    return undefined;
  });
  return out;
}

describe('boot asset codec', () => {
  it('reads back the asset it wrote: layers, images, /extensions.yaml, initramfs, firmware, microcode', async () => {
    const decoded = await decodeBootAsset(encodeBootAsset(asset));
    expect(decoded.layers.map((l) => [l.name, l.image, l.metadata, l.origin, l.squashOptions])).toEqual(
      asset.layers.map((l) => [l.name, l.image, l.metadata, l.origin, l.squashOptions]),
    );
    decoded.layers.forEach((l, i) => {
      expect(Buffer.from(l.squashfs).equals(Buffer.from(asset.layers[i]?.squashfs ?? []))).toBe(true);
    });
    expect([decoded.kind, decoded.source, decoded.talosVersion, decoded.schematicId, decoded.extensionsYaml]).toEqual([
      asset.kind,
      asset.source,
      asset.talosVersion,
      asset.schematicId,
      asset.extensionsYaml,
    ]);
    expect(imageDigest(decoded.initramfs)).toBe(imageDigest(asset.initramfs));
    expect(decoded.firmware === undefined).toBe(asset.firmware === undefined);
    expect(decoded.microcode).toEqual(asset.microcode);
  });

  it("gives each layer's rootfs as it was squashed, read back from the image", async () => {
    const decoded = await decodeBootAsset(encodeBootAsset(asset));
    for (const [i, layer] of decoded.layers.entries()) {
      const original = asset.layers[i]?.rootfs as FsTree;
      expect(listing(layer.rootfs)).toEqual(listing(original));
    }
  });

  it('reads back the rootfs of a layer thousands of levels deep', async () => {
    const deep = `/usr/local/lib/${'d/'.repeat(3000)}leaf`;
    const built = await buildBootAsset({
      talosVersion: 'v1.11.2',
      extensions: [
        {
          image: imageFromDescription({
            manifest: { version: 'v1alpha1', metadata: { name: 'deep', version: '1', author: 'a' } },
            rootfs: { [deep]: 'bottom\n' },
          }),
          label: 'deep',
        },
      ],
    });
    const decoded = await decodeBootAsset(encodeBootAsset(built));
    const rootfs = decoded.layers[0]?.rootfs as FsTree;
    expect(listing(rootfs)).toEqual(listing(built.layers[0]?.rootfs as FsTree));
    const leaf = rootfs.lookup(deep);
    expect(leaf?.kind === 'file' ? Buffer.from(leaf.read()).toString() : leaf?.kind).toBe('bottom\n');
  });

  it('refuses damaged bytes with a typed error, never anything else', async () => {
    const bytes = encodeBootAsset(asset);
    expect((await rejection(decodeBootAsset(bytes.subarray(0, bytes.length - 1)))).message).toBe(
      'corrupt boot asset: checksum mismatch',
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const damaged = Uint8Array.from(bytes);
        damaged[at] = (damaged[at] as number) ^ xor;
        const err = await rejection(decodeBootAsset(damaged));
        expect(err.name).toBe('BootAssetCodecError');
      }),
      { numRuns: Math.min(runs, 50) },
    );
  });

  it('survives damage behind a valid checksum: decoded, or refused with a typed error', async () => {
    const { createHash } = await import('node:crypto');
    const bytes = encodeBootAsset(asset);
    const body = bytes.length - 32;
    const headerEnd = 12 + Buffer.from(bytes).readUInt32LE(8);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(headerEnd - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          const damaged = Uint8Array.from(bytes);
          for (const [at, value] of edits) damaged[at] = value;
          damaged.set(createHash('sha256').update(damaged.subarray(0, body)).digest(), body);
          try {
            await decodeBootAsset(damaged);
          } catch (err) {
            expect((err as Error).name).toBe('BootAssetCodecError');
          }
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('BootAssetCache', () => {
  const tiny = (): BootAsset => {
    const initramfs = new FsTree();
    initramfs.put('x', fileNode('x'));
    return { ...asset, layers: [], extensionsYaml: undefined, initramfs, firmware: undefined, microcode: [] };
  };

  it('drops a corrupt entry instead of trusting it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'talos-sim-cache-'));
    const cache = new BootAssetCache({ directory, version: 'test' });
    cache.put('k', asset);
    const [file] = readdirSync(directory);
    const path = join(directory, file as string);
    const bytes = readFileSync(path);
    bytes[100] = (bytes[100] as number) ^ 1;
    writeFileSync(path, bytes);
    expect(await cache.get('k')).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });

  it('replaces a symlink at the entry path instead of writing through it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'talos-sim-cache-'));
    const victim = join(mkdtempSync(join(tmpdir(), 'talos-sim-victim-')), 'victim');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(directory, 'k.tsba'));
    new BootAssetCache({ directory, version: 'test' }).put('k', tiny());
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(join(directory, 'k.tsba')).isFile()).toBe(true);
  });

  it('evicts the least recently used entries beyond its size bound', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'talos-sim-cache-'));
    const size = encodeBootAsset(tiny()).length;
    const cache = new BootAssetCache({ directory, version: 'test', maxBytes: size * 2 });
    for (const key of ['a', 'b', 'c']) cache.put(key, tiny());
    expect(readdirSync(directory).sort()).toHaveLength(2);
    expect(await cache.get('a')).toBeUndefined();
  });

  it('keys installs by what determines them: release, path, input digests and the version', () => {
    const catalog = createDefaultCatalog();
    const installer = { catalog, registry: catalog.registry };
    const key = (version: string, official: string[], talos = 'v1.11.2') =>
      new BootAssetCache({ directory: tmpdir(), version }).key(
        { talosVersion: talos, extensions: [], officialExtensions: official },
        undefined,
        installer,
      );
    const base = key('1', ['siderolabs/gvisor']);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(key('1', ['siderolabs/gvisor'])).toBe(base);
    expect(key('2', ['siderolabs/gvisor'])).not.toBe(base);
    expect(key('1', ['siderolabs/drbd'])).not.toBe(base);
    expect(key('1', ['siderolabs/gvisor'], 'v1.14.0-alpha.1')).not.toBe(base);
    expect(key('1', ['siderolabs/no-such-extension'])).toBeUndefined();
    // an index pushed over the seed's: its digests are part of the key, so another image is another key
    const replaced = (content: string) => {
      const own = createDefaultCatalog();
      const image = new FsTree();
      image.put('manifest.yaml', fileNode(content));
      own.publish('v1.11.2', [{ reference: 'ghcr.io/siderolabs/gvisor:20250707.0', image }]);
      return new BootAssetCache({ directory: tmpdir(), version: '1' }).key(
        { talosVersion: 'v1.11.2', extensions: [], officialExtensions: ['siderolabs/gvisor'] },
        undefined,
        { catalog: own, registry: own.registry },
      );
    };
    expect(replaced('a')).toMatch(/^[0-9a-f]{64}$/);
    expect(replaced('a')).not.toBe(base);
    expect(replaced('b')).not.toBe(replaced('a'));
  });
});

describe('sim with a boot-asset cache', () => {
  it('builds once, then reads the asset back: same output; a damaged entry is rebuilt', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'talos-sim-cli-cache-'));
    const run = async (...argv: string[]) => {
      let stdout = '';
      const code = await runCli(['get', 'extensions', '-o', 'yaml', ...argv], {
        io: {
          stdout: (c) => {
            stdout += String(c);
            return true;
          },
          stderr: () => {},
        },
        cwd: process.cwd(),
        env: {},
        clock: new VirtualClock(),
        bootAssetCache: { directory },
      });
      return { code, stdout };
    };
    const first = await run();
    const entries = readdirSync(directory);
    expect(entries).toHaveLength(1);
    expect(await run()).toEqual(first);
    const path = join(directory, entries[0] as string);
    writeFileSync(path, 'garbage');
    expect(await run()).toEqual(first);
    expect(readFileSync(path).subarray(0, 8).toString()).toBe('TSBA0001');
    expect(await run('--no-cache')).toEqual(first);
    expect(first.code).toBe(0);
  });
});

describe('where talos-sim keeps its files', () => {
  it('uses XDG_CACHE_HOME and XDG_STATE_HOME when absolute, and ignores relative ones as the XDG spec says', () => {
    const home = homedir();
    expect(defaultBootAssetCacheDirectory({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/talos-sim/boot-assets');
    expect(clustersDirectory({ XDG_STATE_HOME: '/x/state' })).toBe('/x/state/talos-sim/clusters');
    for (const relative of ['cache', './c', '']) {
      expect(defaultBootAssetCacheDirectory({ XDG_CACHE_HOME: relative })).toBe(
        join(home, '.cache', 'talos-sim', 'boot-assets'),
      );
      expect(clustersDirectory({ XDG_STATE_HOME: relative })).toBe(
        join(home, '.local', 'state', 'talos-sim', 'clusters'),
      );
    }
  });
});
