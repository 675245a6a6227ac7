import { describe, expect, it } from 'vitest';
import { encode, type GoYamlError, isGoYamlError, marshal, type YamlFlavour } from '../../src/goyaml/index.js';

function errorOf(fn: () => unknown): GoYamlError {
  try {
    fn();
  } catch (err) {
    if (isGoYamlError(err)) return err;
    throw err;
  }
  throw new Error('expected a GoYamlError');
}

describe('values without a Go counterpart', () => {
  it('refuses functions and symbols', () => {
    expect(errorOf(() => marshal({ f: () => 1 })).kind).toBe('unsupported-value');
    expect(errorOf(() => marshal([Symbol('x')])).message).toBe(
      'cannot marshal a symbol as YAML: it has no Go counterpart',
    );
  });

  it('refuses cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(errorOf(() => marshal(a)).kind).toBe('cyclic-value');
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { x: 1 };
    expect(marshal({ a: shared, b: shared })).toBe('a:\n    x: 1\nb:\n    x: 1\n');
  });

  it('refuses invalid dates, unpaired surrogates, non-string Map keys and binary data', () => {
    expect(errorOf(() => marshal(new Date(Number.NaN))).kind).toBe('invalid-date');
    expect(errorOf(() => marshal('a\ud800b')).kind).toBe('invalid-string');
    expect(errorOf(() => marshal(new Map([[1, 'x']]))).message).toBe(
      'cannot marshal a Map key of type number: only string keys are supported',
    );
    expect(errorOf(() => marshal(new Uint8Array(2))).kind).toBe('unsupported-value');
  });

  it('refuses values nested deeper than 1000 levels instead of overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1001; i++) deep = [deep];
    expect(errorOf(() => marshal(deep)).message).toBe('cannot marshal a value nested more than 1000 levels deep');
  });

  it('refuses an unknown flavour', () => {
    expect(errorOf(() => encode('x', 'v2' as YamlFlavour)).message).toBe(
      'unknown go-yaml flavour "v2" (expected v3, rc3, rc4 or rc6)',
    );
  });
});

describe('documents', () => {
  it('writes null, scalars, and empty collections at the root', () => {
    expect(marshal(null)).toBe('null\n');
    expect(marshal(undefined)).toBe('null\n');
    expect(marshal({})).toBe('{}\n');
    expect(marshal([])).toBe('[]\n');
    expect(marshal('a\nb\n')).toBe('|\n    a\n    b\n');
  });

  it('omits undefined struct fields and writes undefined items as null', () => {
    expect(marshal({ a: undefined, b: [undefined] })).toBe('b:\n    - null\n');
  });

  it('writes the document layout of spec §1.1', () => {
    const spec = {
      spec: {
        printColumns: [{ name: 'Name', jsonPath: '{.metadata.name}' }],
        list: [{ name: 'a', tags: ['x'], meta: { k: 'v' }, nested: [['p', 'q'], []] }],
        description: 'line one\n',
        empty: {},
        nothing: null,
      },
    };
    expect(marshal(spec, 'v3')).toBe(`spec:
    printColumns:
        - name: Name
          jsonPath: '{.metadata.name}'
    list:
        - name: a
          tags:
            - x
          meta:
            k: v
          nested:
            - - p
              - q
            - []
    description: |
        line one
    empty: {}
    nothing: null
`);
  });
});
