import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { createNodeFs, Overlay, type PathProvenance, TreeNode, treeLayer } from '../../src/overlayfs-sim/index.js';

/** Talos-style lower stack: later extensions on top, the base rootfs at the bottom. */
function stack() {
  const root = treeLayer(
    {
      usr: {
        lib: { modules: { '6.12.25-talos': { 'modules.dep': 'base' } }, 'libc.so': 'libc' },
        bin: { modprobe: 'kmod' },
      },
      etc: { 'os-release': 'Talos' },
    },
    { name: 'root' },
  );
  const gvisor = treeLayer(
    {
      usr: {
        bin: { runsc: 'runsc', modprobe: 'fake' },
        lib: { modules: { '6.12.25-talos': { 'modules.dep': 'gvisor' } } },
      },
    },
    { name: 'gvisor' },
  );
  const drbd = treeLayer(
    {
      usr: { lib: { modules: { '6.12.25-talos': { 'modules.dep': 'drbd', 'drbd.ko': 'ko' } } } },
      etc: TreeNode.opaqueDirectory({ 'drbd.conf': 'conf' }),
    },
    { name: 'drbd' },
  );
  const remover = treeLayer({ usr: { lib: { '.wh.libc.so': '' } } }, { name: 'remover' });
  // lowerdir order as Talos mounts it: [layerN-1, …, layer0, root].
  return new Overlay({ lowers: [remover, drbd, gvisor, root], upper: new Volume() });
}

const names = (p: PathProvenance | undefined) => ({
  provider: p?.provider.kind === 'upper' ? 'upper' : p?.provider.name,
  visible: p?.visible,
  type: p?.type,
  merged: p?.merged.map((l) => (l.kind === 'upper' ? 'upper' : l.name)),
  shadows: p?.shadows.map((s) => `${s.layer.kind === 'upper' ? 'upper' : s.layer.name}:${s.type}`),
});

describe('Overlay provenance', () => {
  it('names the layer that provides a file and the layers whose copies it hides', () => {
    expect(names(stack().provenance('/usr/lib/modules/6.12.25-talos/modules.dep'))).toEqual({
      provider: 'drbd',
      visible: true,
      type: 'file',
      merged: [],
      shadows: ['gvisor:file', 'root:file'],
    });
  });

  it('lists the layers whose directories merge into a directory', () => {
    expect(names(stack().provenance('/usr/bin'))).toEqual({
      provider: 'gvisor',
      visible: true,
      type: 'directory',
      merged: ['gvisor', 'root'],
      shadows: [],
    });
  });

  it('reports what an opaque directory hides', () => {
    expect(names(stack().provenance('/etc'))).toEqual({
      provider: 'drbd',
      visible: true,
      type: 'directory',
      merged: ['drbd'],
      shadows: ['root:directory'],
    });
  });

  it('reports a whited-out path as invisible, with the whiteout layer and what it removes', () => {
    expect(names(stack().provenance('/usr/lib/libc.so'))).toEqual({
      provider: 'remover',
      visible: false,
      type: 'whiteout',
      merged: [],
      shadows: ['root:file'],
    });
  });

  it('follows changes in the upper layer', () => {
    const overlay = stack();
    const fs = createNodeFs(overlay);
    fs.writeFileSync('/usr/bin/modprobe', 'patched');
    expect(names(overlay.provenance('/usr/bin/modprobe'))).toMatchObject({
      provider: 'upper',
      shadows: ['gvisor:file', 'root:file'],
    });
    fs.unlinkSync('/usr/bin/runsc');
    expect(names(overlay.provenance('/usr/bin/runsc'))).toEqual({
      provider: 'upper',
      visible: false,
      type: 'whiteout',
      merged: [],
      shadows: ['gvisor:file'],
    });
    expect(names(overlay.provenance('/usr/bin'))).toMatchObject({
      provider: 'upper',
      merged: ['upper', 'gvisor', 'root'],
    });
  });

  it('is undefined for paths no layer has', () => {
    expect(stack().provenance('/nope')).toBeUndefined();
    expect(stack().provenance('/etc/os-release')).toBeUndefined();
  });

  it('reports every path that more than one layer provides where one hides another, sorted by path', () => {
    expect(
      stack()
        .conflicts()
        .map((c) => `${c.path} ${names(c).provider} hides ${names(c).shadows?.join(',')}`),
    ).toEqual([
      '/etc drbd hides root:directory',
      '/usr/bin/modprobe gvisor hides root:file',
      '/usr/lib/libc.so remover hides root:file',
      '/usr/lib/modules/6.12.25-talos/modules.dep drbd hides gvisor:file,root:file',
    ]);
  });

  it('can include the directories that several layers merge', () => {
    const paths = stack()
      .conflicts({ mergedDirectories: true })
      .map((c) => c.path);
    expect(paths).toEqual([
      '/',
      '/etc',
      '/usr',
      '/usr/bin',
      '/usr/bin/modprobe',
      '/usr/lib',
      '/usr/lib/libc.so',
      '/usr/lib/modules',
      '/usr/lib/modules/6.12.25-talos',
      '/usr/lib/modules/6.12.25-talos/modules.dep',
    ]);
  });
});
