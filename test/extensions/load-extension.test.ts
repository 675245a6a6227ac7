// The Load rules (spec talos-extensions §2.3): sorted entry order decides which error wins.
import { describe, expect, it } from 'vitest';
import {
  formatManifestWarning,
  type ImageDescription,
  INPUT_LIMITS,
  imageFromDescription,
  isExtensionLoadError,
  lazyFileNode,
  loadExtension,
  symlinkNode,
} from '../../src/extensions/index.js';
import { thrown } from '../support/errors.js';

const manifest = { version: 'v1alpha1', metadata: { name: 'gvisor', version: '1', author: 'Sidero Labs' } };

function loadError(d: ImageDescription): { kind: string; message: string } {
  try {
    loadExtension(imageFromDescription(d), { path: 'ext' });
  } catch (err) {
    if (isExtensionLoadError(err)) return { kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error('expected a load error');
}

describe('load rules', () => {
  it('reports an unexpected name sorting before manifest.yaml ahead of any manifest error', () => {
    expect(loadError({ manifest: 'version: v2\n', rootfs: {}, extra: { README: '' } })).toEqual({
      kind: 'unexpected-file',
      message: 'unexpected file "README"',
    });
  });

  it('reports the manifest error ahead of an unexpected name sorting after it', () => {
    expect(loadError({ manifest: 'version: v2\n', rootfs: {}, extra: { 'pkg.yaml': '' } })).toEqual({
      kind: 'unsupported-manifest-version',
      message: 'unsupported manifest version: "v2"',
    });
    expect(loadError({ manifest, rootfs: {}, extra: { 'pkg.yaml': '' } }).message).toBe('unexpected file "pkg.yaml"');
  });

  it('decodes an empty manifest.yaml to EOF, saying what it means', () => {
    expect(loadError({ manifest: '', rootfs: {} })).toEqual({
      kind: 'manifest-decode',
      message: 'EOF',
    });
  });

  it('treats a manifest of only --- as the empty manifest', () => {
    expect(loadError({ manifest: '---\n', rootfs: {} }).message).toBe('unsupported manifest version: ""');
  });

  it('quotes the manifest version the Go way', () => {
    expect(loadError({ manifest: 'version: "v1\\t\\u00e9\\""\n', rootfs: {} }).message).toBe(
      'unsupported manifest version: "v1\\té\\""',
    );
  });

  it('requires the manifest, then the rootfs', () => {
    expect(loadError({})).toEqual({ kind: 'manifest-missing', message: 'extension manifest is missing' });
    expect(loadError({ rootfs: {} }).message).toBe('extension manifest is missing');
    expect(loadError({ manifest })).toEqual({ kind: 'rootfs-missing', message: 'extension rootfs is missing' });
  });

  it('accepts a rootfs that is not a directory, as upstream does not check', () => {
    const ext = loadExtension(imageFromDescription({ manifest, extra: { rootfs: 'a file' } }));
    expect(ext.rootfs.kind).toBe('file');
  });

  it('ignores unknown manifest keys', () => {
    const ext = loadExtension(
      imageFromDescription({
        manifest: 'version: v1alpha1\nfoo: bar\nmetadata:\n  name: x\n  tier: core\n',
        rootfs: {},
      }),
    );
    expect(ext.manifest.metadata.name).toBe('x');
  });

  it('follows a manifest.yaml symlink inside the image and reports a dangling one as os.Open would', () => {
    const tree = imageFromDescription({
      rootfs: {},
      extra: { 'real.yaml': 'version: v1alpha1\nmetadata:\n  name: linked\n' },
    });
    tree.remove('real.yaml');
    tree.put('manifest.yaml', symlinkNode('/missing.yaml'));
    expect(thrown(() => loadExtension(tree, { path: '/tmp/ext' })).message).toBe(
      'open /tmp/ext/manifest.yaml: no such file or directory (a symbolic link to "/missing.yaml", which names nothing inside the image)',
    );
    // a link out of the image is resolved inside it, never on the host
    tree.put('manifest.yaml', symlinkNode('/etc/passwd'));
    expect(thrown(() => loadExtension(tree, { path: 'ext' })).message).toBe(
      'open ext/manifest.yaml: no such file or directory (a symbolic link to "/etc/passwd", which names nothing inside the image)',
    );
    tree.put('manifest.yaml', symlinkNode('manifest.yaml'));
    expect(thrown(() => loadExtension(tree, { path: 'ext' })).message).toBe(
      'open ext/manifest.yaml: too many levels of symbolic links',
    );
    tree.put(
      'rootfs/m.yaml',
      imageFromDescription({ manifest: { version: 'v1alpha1', metadata: { name: 'linked' } } }).lookup(
        'manifest.yaml',
      ) as never,
    );
    tree.put('manifest.yaml', symlinkNode('rootfs/m.yaml'));
    expect(loadExtension(tree).manifest.metadata.name).toBe('linked');
  });

  it('refuses a manifest over INPUT_LIMITS.manifestBytes without reading it', () => {
    const tree = imageFromDescription({ rootfs: {} });
    tree.put(
      'manifest.yaml',
      lazyFileNode(INPUT_LIMITS.manifestBytes + 1, () => {
        throw new Error('read');
      }),
    );
    expect(thrown(() => loadExtension(tree, { path: 'ext' }))).toMatchObject({
      kind: 'manifest-too-large',
      message: 'ext/manifest.yaml is larger than the limit of 1048576 bytes (1 MiB)',
    });
  });

  it('reports unknown keys and a missing compatibility constraint as warnings, accepting the extension', () => {
    const ext = loadExtension(
      imageFromDescription({
        manifest:
          'version: v1alpha1\nverison: v1\nmetadata:\n  name: x\n  tier: core\n  compatibility:\n    talso: {}\n',
        rootfs: {},
      }),
    );
    expect(ext.manifest.metadata.version).toBe('');
    expect(ext.warnings).toEqual([
      { kind: 'unknown-key', key: 'verison', line: 2 },
      { kind: 'unknown-key', key: 'metadata.tier', line: 5 },
      { kind: 'unknown-key', key: 'metadata.compatibility.talso', line: 7 },
      { kind: 'no-compatibility' },
    ]);
    expect(ext.warnings.map((w) => formatManifestWarning(w))).toEqual([
      'manifest.yaml line 2: unknown key "verison" (Talos ignores it)',
      'manifest.yaml line 5: unknown key "metadata.tier" (Talos ignores it)',
      'manifest.yaml line 7: unknown key "metadata.compatibility.talso" (Talos ignores it)',
      'manifest.yaml: no metadata.compatibility.talos.version, so every Talos version accepts the extension',
    ]);
    const clean = loadExtension(
      imageFromDescription({
        manifest: {
          ...manifest,
          metadata: { ...manifest.metadata, compatibility: { talos: { version: '>= v1.0.0' } } },
        },
        rootfs: {},
      }),
    );
    expect(clean.warnings).toEqual([]);
  });

  it('reports a manifest.yaml directory as a read error', () => {
    expect(loadError({ rootfs: {}, extra: { 'manifest.yaml': { kind: 'directory' } } }).message).toBe(
      'read ext/manifest.yaml: is a directory',
    );
  });
});
