// How a node boots an asset (spec §4): the init's log in reverse layer order, the squashfs mounts in overlay order
// (last layer on top, base rootfs at the bottom), and the read-only bind mounts of /extensions.yaml and firmware.
import { describe, expect, it } from 'vitest';
import { buildBootAsset, planActivation } from '../../src/imager/index.js';
import { extensionImage } from '../fixtures/imager/extension-images.js';
import { RecordingSquasher } from '../fixtures/imager/recording-squasher.js';

describe('planActivation', () => {
  it('mounts rootfs.sqsh at /root alone without layers', async () => {
    const asset = await buildBootAsset({ talosVersion: 'v1.11.2' });
    expect(planActivation(asset)).toEqual({
      log: ['mounting the rootfs'],
      mounts: [{ target: '/root', image: '/rootfs.sqsh', layer: undefined }],
      overlay: false,
      binds: [],
    });
  });

  it('stacks the layers with the last on top and binds extensions.yaml and the firmware', async () => {
    const asset = await buildBootAsset({
      talosVersion: 'v1.11.2',
      squasher: new RecordingSquasher(),
      extensions: [
        { image: extensionImage('gvisor', { version: '20250707.0' }) },
        { image: extensionImage('fw', { version: '20250917', rootfs: { '/usr/lib/firmware/x.bin': 'x' } }) },
      ],
      imageFactory: { schematic: {} },
    });
    const plan = planActivation(asset);
    expect(plan.log).toEqual([
      'mounting the rootfs',
      'enabling system extension schematic 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba',
      'enabling system extension fw 20250917',
      'enabling system extension gvisor 20250707.0',
      'bind mounting /usr/lib/firmware',
    ]);
    expect(plan.overlay).toBe(true);
    expect(plan.mounts.map((m) => [m.target, m.image, m.layer?.name])).toEqual([
      ['/layers/layer2', '2.sqsh', '2'],
      ['/layers/layer1', '1.sqsh', '1'],
      ['/layers/layer0', '0.sqsh', '0'],
      ['/layers/root', '/rootfs.sqsh', undefined],
    ]);
    expect(plan.binds).toEqual([
      { source: '/extensions.yaml', target: '/root/etc/extensions.yaml' },
      { source: '/usr/lib/firmware', target: '/root/usr/lib/firmware' },
    ]);
  });
});
