// RawYaml: the go-yaml fork's MarshalYAMLBytes values, written as they are at the value's indentation, and read
// back as their first document; remarshalFirstDocument: cosi v1.12's decode-then-encode of a YAML text.
import { describe, expect, it } from 'vitest';
import { encode, GoMap, OrderedMapping, RawYaml, readBack, remarshalFirstDocument } from '../../src/goyaml/index.js';

describe('RawYaml', () => {
  it('writes the text on the lines after its key, as cosi v1.10.7 TestMarshalUnmarshal expects (`spec:\\n    true`)', () => {
    expect(encode(new OrderedMapping([['spec', new RawYaml('true')]]), 'v3')).toBe('spec:\n    true\n');
  });

  it('indents every line, separators and empty lines included, and ends with one line break', () => {
    const doc = encode({ spec: new RawYaml('a: 1\n\n---\nb: 2\n') }, 'v3');
    expect(doc).toBe('spec:\n    a: 1\n    \n    ---\n    b: 2\n');
  });

  it('reads back as the first document of its text, typed by the resolver', () => {
    const value = readBack(new RawYaml('a: 1\nb: "1"\n---\nc: 2\n'), 'v3');
    expect(value).toBeInstanceOf(GoMap);
    expect([...(value as GoMap).entries()]).toEqual([
      ['a', 1n],
      ['b', '1'],
    ]);
  });
});

describe('remarshalFirstDocument', () => {
  it('keeps the first document only, its scalar styles, and re-indents it by 4', () => {
    const text = 'version: v1alpha1\nmachine:\n  type: worker\n  x: \'1\'\n  y: "2"\n---\nkind: Other\n';
    expect(remarshalFirstDocument(text, 'rc3')).toBe(
      'version: v1alpha1\nmachine:\n    type: worker\n    x: \'1\'\n    y: "2"\n',
    );
  });
});
