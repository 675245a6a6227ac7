// Decoding manifest.yaml with go-yaml's rules (Talos main uses go.yaml.in/yaml/v4 rc.6).
import { describe, expect, it } from 'vitest';
import { decodeManifest, emptyManifest, INPUT_LIMITS, isManifestDecodeError } from '../../src/extensions/index.js';
import { thrown } from '../support/errors.js';

function decodeError(text: string | Uint8Array): { kind: string | undefined; message: string } {
  const err = thrown(() => decodeManifest(text));
  expect(isManifestDecodeError(err)).toBe(true);
  return { kind: err.kind, message: err.message };
}

describe('manifest decoding', () => {
  it('returns EOF for an empty stream or one with only comments', () => {
    expect(decodeError('')).toEqual({ kind: 'eof', message: 'EOF' });
    expect(decodeError('# nothing here\n')).toEqual({
      kind: 'eof',
      message: 'EOF',
    });
  });

  it('refuses input over INPUT_LIMITS.manifestBytes before parsing, counting UTF-8 bytes', () => {
    const limit = INPUT_LIMITS.manifestBytes;
    const message = 'manifest.yaml is larger than the limit of 1048576 bytes (1 MiB)';
    expect(decodeError(`#${'é'.repeat(limit / 2)}`)).toEqual({ kind: 'too-large', message });
    expect(decodeError(new Uint8Array(limit + 1))).toEqual({ kind: 'too-large', message });
    // exactly at the limit is fine: a document marker and a comment filling the rest
    expect(decodeManifest(`---\n#${'x'.repeat(limit - 5)}`)).toEqual(emptyManifest());
  });

  it('decodes a lone document marker to the empty manifest', () => {
    expect(decodeManifest('---')).toEqual(emptyManifest());
    expect(decodeManifest('---\n')).toEqual(emptyManifest());
  });

  it('decodes only the first document', () => {
    expect(decodeManifest('version: v1alpha1\n---\nversion: [\n').version).toBe('v1alpha1');
  });

  it('stores any scalar text in a string field, and nothing for null', () => {
    const m = decodeManifest(
      'version: ~\nmetadata:\n  name: 1e3\n  version: 20220117.0\n  author: true\n  description: null\n',
    );
    expect(m.version).toBe('');
    expect(m.metadata).toMatchObject({ name: '1e3', version: '20220117.0', author: 'true', description: '' });
  });

  it('keeps the text of folded and literal blocks', () => {
    const m = decodeManifest('metadata:\n  description: >\n    one\n    two\n  extraInfo: |\n    a\n    b\n');
    expect(m.metadata.description).toBe('one two\n');
    expect(m.metadata.extraInfo).toBe('a\nb\n');
  });

  it('collects type mismatches with their lines, truncating long values', () => {
    expect(decodeError('version: [a]\nmetadata: 3\n')).toEqual({
      kind: 'construct',
      message:
        'yaml: construct errors: line 1: cannot construct !!seq into string; line 2: cannot construct !!int `3` into extensions.Metadata',
    });
    expect(decodeError('metadata:\n  compatibility: abcdefghijklmnop\n').message).toBe(
      'yaml: construct errors: line 2: cannot construct !!str `abcdefg...` into extensions.Compatibility',
    );
    expect(decodeError('just text').message).toBe(
      'yaml: construct errors: line 1: cannot construct !!str `just text` into extensions.Manifest',
    );
  });

  it('rejects timestamps in string fields, as go-yaml v4 does', () => {
    expect(decodeError('metadata:\n  version: 2024-01-31\n').message).toBe(
      'yaml: construct errors: line 2: cannot construct !!timestamp `2024-01-31` into string',
    );
    expect(decodeManifest('metadata:\n  version: 2024-02-30\n').metadata.version).toBe('2024-02-30');
  });

  it('reports duplicate keys at their later occurrence and skips that mapping', () => {
    expect(decodeError('version: v1alpha1\nmetadata:\n  name: a\n  name: b\n').message).toBe(
      'yaml: construct errors: line 4: mapping key "name" already defined at line 3',
    );
  });

  it('fails at the resolver stage for an explicit tag that contradicts the text', () => {
    expect(decodeError('version: !!int v1\n')).toEqual({
      kind: 'load',
      message: 'go-yaml load error in resolver at <unknown position>: cannot construct !!str `v1` as a !!int',
    });
  });

  it('reports syntax errors in go-yaml frame with their position', () => {
    expect(decodeError('metadata: [\n')).toEqual({
      kind: 'load',
      message:
        'go-yaml load error in parser at L2.C1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    });
  });

  it('honours merge keys with the parent taking precedence', () => {
    const m = decodeManifest('base: &b\n  name: merged\n  author: A\nmetadata:\n  <<: *b\n  name: own\n');
    expect(m.metadata).toMatchObject({ name: 'own', author: 'A' });
  });

  it('decodes !!binary scalars into strings', () => {
    expect(decodeManifest('metadata:\n  name: !!binary Z3Zpc29y\n').metadata.name).toBe('gvisor');
  });

  it('rejects invalid UTF-8 bytes at the reader stage', () => {
    const err = thrown(() => decodeManifest(new Uint8Array([0x76, 0x3a, 0x20, 0xff, 0x0a])));
    expect(err.message).toBe(
      'go-yaml load error in reader at <unknown position>: invalid leading UTF-8 octet (value: 255)',
    );
  });
});
