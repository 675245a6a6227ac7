// Boot media: nodes booted from one asset share its root overlay, and booting reads no file data (only the squashfs
// metadata), so a fleet costs what its state costs.
import { describe, expect, it } from 'vitest';
import { buildBootAsset, createNode, imageFromDescription, VirtualClock } from '../../src/index.js';
import { thrown } from '../support/errors.js';

/** Compressible bytes (every other byte zero), so the layer stores them zstd-compressed. */
function compressible(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = 7;
  for (let i = 0; i < size; i += 2) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

async function assetWithBigFile() {
  const image = imageFromDescription({
    manifest: { version: 'v1alpha1', metadata: { name: 'big', version: '1.0', author: 'test' } },
    rootfs: { '/usr/local/share/big/data.bin': compressible(400 * 1024) },
  });
  return buildBootAsset({ talosVersion: 'v1.11.2', extensions: [{ image, label: 'big' }] });
}

describe('boot media', () => {
  it('is shared by the nodes booted from one asset', async () => {
    const asset = await assetWithBigFile();
    const clock = new VirtualClock();
    const a = await createNode({ clock, bootAsset: asset, address: '10.5.0.2' });
    const b = await createNode({ clock, bootAsset: asset, address: '10.5.0.3' });
    await a.boot();
    await b.boot();
    expect(a.filesystem.root).toBe(b.filesystem.root);
    expect(a.filesystem.mounts).not.toBe(b.filesystem.mounts);
    // each node writes its own tmpfs
    a.filesystem.fs.writeFileSync('/tmp/who', 'a');
    expect(b.filesystem.fs.existsSync('/tmp/who')).toBe(false);
    await a.shutdown();
    await b.shutdown();
  });

  it('boots without reading file data: a layer whose data blocks are damaged boots, and only reading fails', async () => {
    const asset = await assetWithBigFile();
    const layer = asset.layers[0];
    if (layer === undefined) throw new Error('no layer');
    const squashfs = Uint8Array.from(layer.squashfs);
    // data blocks follow the superblock (96 bytes) and the compressor options (a 2-byte header and 4 bytes): the
    // first block's zstd frame starts at byte 102. Damage its magic and what follows. (Damage inside a block's raw
    // literals alone decodes to garbage without an error in libzstd, as zstd frames here carry no checksum.)
    for (let i = 103; i < 4096; i++) squashfs[i] = 0xa5;
    const damaged = { ...asset, layers: [{ ...layer, squashfs }] };
    const node = await createNode({ clock: new VirtualClock(), bootAsset: damaged });
    await node.boot();
    const statuses = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(statuses.map((r) => r.metadata.id)).toEqual(['0']);
    expect(node.filesystem.fs.statSync('/usr/local/share/big/data.bin').size).toBe(400 * 1024);
    const err = thrown(() => node.filesystem.fs.readFileSync('/usr/local/share/big/data.bin'));
    expect(err.message).toMatch(/0\.sqsh/);
    await node.shutdown();
  });
});
