// The simulated registry: content-addressed images, tags, pinned references and copies at the boundary.
import { describe, expect, it } from 'vitest';
import {
  fileNode,
  type ImageDescription,
  ImageRegistry,
  imageDigest,
  imageFromDescription,
  isRegistryError,
  parseImageReference,
} from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';

const gvisor: ImageDescription = {
  manifest: { version: 'v1alpha1', metadata: { name: 'gvisor', version: '20240212.0', author: 'Sidero Labs' } },
  rootfs: { '/usr/local/bin/runsc': { kind: 'file', content: 'runsc', mode: 0o755 } },
};

function registryError(fn: () => unknown): [string | undefined, string] {
  const err = thrown(fn);
  expect(isRegistryError(err)).toBe(true);
  return [err.kind, err.message];
}

describe('image digests', () => {
  it('depend on content and metadata, not on modification times or on which tree object holds them', () => {
    const a = imageFromDescription(gvisor);
    const b = imageFromDescription(gvisor);
    (b.lookup('rootfs/usr/local/bin/runsc') as { mtime: number }).mtime = 12345;
    expect(imageDigest(a)).toBe(imageDigest(b));
    expect(imageDigest(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    b.put('rootfs/usr/local/bin/runsc', fileNode('runsc', { mode: 0o644 }));
    expect(imageDigest(b)).not.toBe(imageDigest(a));
  });
});

describe('image references', () => {
  it('parses domains, tags, digests and Docker Hub defaults', () => {
    expect(parseImageReference('ghcr.io/siderolabs/gvisor:20240212.0')).toEqual({
      domain: 'ghcr.io',
      path: 'siderolabs/gvisor',
      repository: 'ghcr.io/siderolabs/gvisor',
      tag: '20240212.0',
      digest: undefined,
    });
    expect(parseImageReference('busybox')).toMatchObject({ repository: 'docker.io/library/busybox', tag: 'latest' });
    expect(parseImageReference(`localhost:5000/ext@sha256:${'a'.repeat(64)}`)).toMatchObject({
      domain: 'localhost:5000',
      tag: undefined,
      digest: `sha256:${'a'.repeat(64)}`,
    });
  });

  it('rejects malformed references', () => {
    expect(registryError(() => parseImageReference('ghcr.io/SideroLabs/gvisor'))).toEqual([
      'invalid-reference',
      'invalid image reference "ghcr.io/SideroLabs/gvisor": repository name must be lowercase',
    ]);
    expect(registryError(() => parseImageReference('ghcr.io/siderolabs/gvisor@sha256:abc'))[1]).toBe(
      'invalid image reference "ghcr.io/siderolabs/gvisor@sha256:abc": invalid digest (expected sha256: and 64 lowercase hex digits)',
    );
  });
});

describe('pushing and pulling', () => {
  it('pulls what was pushed, by tag or by digest, as a copy', () => {
    const registry = new ImageRegistry();
    const pushed = registry.push('ghcr.io/siderolabs/gvisor:20240212.0', imageFromDescription(gvisor));
    expect(pushed.pinned).toBe(`ghcr.io/siderolabs/gvisor:20240212.0@${pushed.digest}`);
    const pulled = registry.pull('ghcr.io/siderolabs/gvisor:20240212.0');
    expect(pulled.digest).toBe(pushed.digest);
    pulled.image.remove('rootfs');
    expect(
      registry.pull(`ghcr.io/siderolabs/gvisor@${pushed.digest}`).image.lookup('rootfs/usr/local/bin/runsc'),
    ).toBeDefined();
    expect(registry.pull(pushed.pinned).digest).toBe(pushed.digest);
  });

  it('keeps older digests pullable when a tag moves', () => {
    const registry = new ImageRegistry();
    const first = registry.push('ghcr.io/siderolabs/hello-world-service:v1.0.0', imageFromDescription(gvisor));
    const rebuilt = imageFromDescription({ ...gvisor, rootfs: { '/usr/local/bin/runsc': 'rebuilt' } });
    const second = registry.push('ghcr.io/siderolabs/hello-world-service:v1.0.0', rebuilt);
    expect(second.digest).not.toBe(first.digest);
    expect(registry.pull('ghcr.io/siderolabs/hello-world-service:v1.0.0').digest).toBe(second.digest);
    expect(registry.pull(first.pinned).digest).toBe(first.digest);
  });

  it('fails clearly for unknown repositories, tags and pinned digests', () => {
    const registry = new ImageRegistry();
    const pushed = registry.push('ghcr.io/siderolabs/gvisor:20240212.0', imageFromDescription(gvisor));
    expect(registryError(() => registry.pull('ghcr.io/siderolabs/nope:1'))).toEqual([
      'repository-not-found',
      'image "ghcr.io/siderolabs/nope:1" not found: repository ghcr.io/siderolabs/nope does not exist',
    ]);
    expect(registryError(() => registry.pull('ghcr.io/siderolabs/gvisor:20990101.0'))).toEqual([
      'tag-not-found',
      'image "ghcr.io/siderolabs/gvisor:20990101.0" not found: no tag "20990101.0" in ghcr.io/siderolabs/gvisor',
    ]);
    const wrong = `sha256:${'0'.repeat(64)}`;
    expect(registryError(() => registry.pull(`ghcr.io/siderolabs/gvisor:20240212.0@${wrong}`))).toEqual([
      'digest-not-found',
      `image "ghcr.io/siderolabs/gvisor:20240212.0@${wrong}" does not match its pin: the tag points to ${pushed.digest} and no image in ghcr.io/siderolabs/gvisor has digest ${wrong}`,
    ]);
    expect(registryError(() => registry.pull(`ghcr.io/siderolabs/gvisor@${wrong}`))[1]).toBe(
      `image "ghcr.io/siderolabs/gvisor@${wrong}" not found: no image with digest ${wrong} in ghcr.io/siderolabs/gvisor`,
    );
  });

  it('refuses a pinned push whose content has another digest', () => {
    const registry = new ImageRegistry();
    const image = imageFromDescription(gvisor);
    const wrong = `sha256:${'1'.repeat(64)}`;
    expect(registryError(() => registry.push(`ghcr.io/siderolabs/gvisor:1@${wrong}`, image))).toEqual([
      'digest-mismatch',
      `cannot push "ghcr.io/siderolabs/gvisor:1@${wrong}": the image content has digest ${imageDigest(image)}, not ${wrong}`,
    ]);
  });
});
