import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { memfsLayer, OVERLAY_OPAQUE_XATTR, TreeNode, volumeFromTree } from '../../src/overlayfs-sim/index.js';
import { describeLayerConformance } from './layer-conformance.js';

describeLayerConformance('memfsLayer over volumeFromTree', (tree) => memfsLayer(volumeFromTree(tree)));
describeLayerConformance('memfsLayer of a subdirectory', (tree) => {
  const volume = volumeFromTree({ layers: { layer0: TreeNode.directory(tree) } });
  return memfsLayer(volume, { root: '/layers/layer0/' });
});

describe('memfsLayer', () => {
  it('takes xattrs alongside the volume, which memfs cannot store', () => {
    const layer = memfsLayer(volumeFromTree({ etc: {} }), { xattrs: { '/etc': { [OVERLAY_OPAQUE_XATTR]: 'y' } } });
    expect(layer.listxattr('/etc')).toEqual([OVERLAY_OPAQUE_XATTR]);
    expect(layer.listxattr('/')).toEqual([]);
  });

  it('reads volumes made with the plain memfs API, ignoring memfs permission checks', () => {
    const volume = Volume.fromJSON({ '/secret/file': 'data' });
    volume.chmodSync('/secret', 0o000);
    volume.chownSync('/secret', 12345, 12345);
    const layer = memfsLayer(volume, { name: 'plain' });
    expect(new TextDecoder().decode(layer.read('/secret/file', 0, 10))).toBe('data');
    expect(layer.name).toBe('plain');
  });
});

describe('volumeFromTree', () => {
  it('keeps modes, owners, times, symlinks and device nodes that Volume.fromJSON cannot express', () => {
    const volume = volumeFromTree({
      etc: TreeNode.directory(
        { shadow: TreeNode.file('x', { mode: 0o600, uid: 3, gid: 4, mtimeMs: 1000 }) },
        { mtimeMs: 2000 },
      ),
      lib: TreeNode.symlink('usr/lib'),
      dev: { null: TreeNode.device('char-device', 1, 3, { mode: 0o666 }) },
    });
    const shadow = volume.statSync('/etc/shadow');
    expect([shadow.mode, shadow.uid, shadow.gid, shadow.mtimeMs]).toEqual([0o100600, 3, 4, 1000]);
    expect(volume.statSync('/etc').mtimeMs).toBe(2000);
    expect(volume.readlinkSync('/lib')).toBe('usr/lib');
    expect(volume.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(volume.statSync('/dev/null').rdev).toBe(0x103);
    expect(volume.statSync('/').uid).toBe(0);
  });
});
