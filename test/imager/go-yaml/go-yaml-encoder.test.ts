// go-yaml's encoder as the imager and Image Factory use it: the test vectors of spec go-yaml-and-jsonpath §5 for
// yaml.v3 v3.0.1 and v4 rc.6 (folding at 80 columns), the rc.3/rc.4 differences, layout of nested collections, and a
// read-back check with npm yaml.
import fc from 'fast-check';
import { SemVer } from 'semver';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { encodeGoYaml, type GoYamlFlavour, goYamlFlavourOf } from '../../../src/imager/index.js';

const v3 = (value: unknown) => encodeGoYaml({ k: value as string }, { flavour: 'v3', width: undefined });
const rc6 = (value: unknown) => encodeGoYaml({ k: value as string }, { flavour: 'rc6', width: 80 });

/** [Go value, v3.0.1 output, rc.6 output (`=`: same as v3)] */
const VECTORS: readonly (readonly [string, string, string])[] = [
  ['hello', 'k: hello\n', '='],
  ['1.0', 'k: "1.0"\n', '='],
  ['20240101', 'k: "20240101"\n', '='],
  ['0755', 'k: "0755"\n', '='],
  ['08', 'k: "08"\n', '='],
  ['0x1F', 'k: "0x1F"\n', '='],
  ['1e3', 'k: "1e3"\n', '='],
  ['1_000', 'k: "1_000"\n', '='],
  ['+1', 'k: "+1"\n', '='],
  ['-0', 'k: "-0"\n', '='],
  ['.5', 'k: ".5"\n', '='],
  ['1e400', 'k: 1e400\n', '='],
  ['true', 'k: "true"\n', '='],
  ['tRuE', 'k: tRuE\n', '='],
  ['yes', 'k: "yes"\n', "k: 'yes'\n"],
  ['y', 'k: "y"\n', "k: 'y'\n"],
  ['null', 'k: "null"\n', '='],
  ['~', 'k: "~"\n', '='],
  ['', 'k: ""\n', '='],
  ['.inf', 'k: ".inf"\n', '='],
  ['nan', 'k: nan\n', '='],
  ['2024-01-01', 'k: "2024-01-01"\n', '='],
  ['2024-02-30', 'k: 2024-02-30\n', '='],
  ['2024-08-09T03:07:41Z', 'k: "2024-08-09T03:07:41Z"\n', '='],
  ['2024-08-09T03:07:41', 'k: 2024-08-09T03:07:41\n', '='],
  ['12:30', 'k: "12:30"\n', "k: '12:30'\n"],
  ['<<', 'k: <<\n', "k: '<<'\n"],
  ['>= v1.6.0', "k: '>= v1.6.0'\n", '='],
  ['-', "k: '-'\n", '='],
  ['-foo', 'k: -foo\n', '='],
  ['- foo', "k: '- foo'\n", '='],
  ['?foo', 'k: ?foo\n', '='],
  [':foo', 'k: :foo\n', '='],
  ['{.metadata.name}', "k: '{.metadata.name}'\n", '='],
  ["'quoted'", "k: '''quoted'''\n", '='],
  ['"dq"', 'k: \'"dq"\'\n', '='],
  ['#hash', "k: '#hash'\n", '='],
  ['a#b', 'k: a#b\n', '='],
  ['a #b', "k: 'a #b'\n", '='],
  ['a: b', "k: 'a: b'\n", '='],
  ['a:b', 'k: a:b\n', '='],
  ['a:', "k: 'a:'\n", '='],
  ['a, b', 'k: a, b\n', '='],
  ['---', "k: '---'\n", '='],
  ['...x', "k: '...x'\n", '='],
  ["it's", "k: it's\n", '='],
  [' leading space', "k: ' leading space'\n", '='],
  ['trailing space ', "k: 'trailing space '\n", '='],
  ['a\tb', 'k: "a\\tb"\n', '='],
  ['héllo wörld', 'k: héllo wörld\n', '='],
  ['hi 😀', 'k: "hi \\U0001F600"\n', '='],
  ['a\u00a0b', 'k: a\u00a0b\n', '='],
  ['a\u007fb', 'k: "a\\x7Fb"\n', '='],
  ['a\u0085b', 'k: "a\\Nb"\n', '='],
  ['a\u0000b', 'k: "a\\0b"\n', '='],
  ['\u001b[0m', 'k: "\\e[0m"\n', '='],
  ['C:\\path', 'k: C:\\path\n', '='],
  ['a\rb', 'k: "a\\rb"\n', '='],
  ['line1\nline2\n', 'k: |\n    line1\n    line2\n', '='],
  ['line1\nline2', 'k: |-\n    line1\n    line2\n', '='],
  ['line1\n\n', 'k: |+\n    line1\n\n', '='],
  ['\n', 'k: |4+\n', 'k: "\\n"\n'],
  ['\nfoo\n', 'k: |4\n    foo\n', 'k: |\n\n    foo\n'],
  ['  indented\nnext\n', 'k: |4\n      indented\n    next\n', '='],
  ['a \nb', 'k: "a \\nb"\n', '='],
  ['a\n\nb\n', 'k: |\n    a\n\n    b\n', '='],
  [
    'This extension provides a very long description that goes on and on past the eighty column limit for sure.',
    'k: This extension provides a very long description that goes on and on past the eighty column limit for sure.\n',
    'k: This extension provides a very long description that goes on and on past the eighty\n    column limit for sure.\n',
  ],
  [
    '>= This extension provides a very long description that goes on and on past the eighty column limit for sure.',
    "k: '>= This extension provides a very long description that goes on and on past the eighty column limit for sure.'\n",
    "k: '>= This extension provides a very long description that goes on and on past the\n    eighty column limit for sure.'\n",
  ],
  [
    'é\tThis extension provides a very long description that goes on and on past the eighty column limit for sure.',
    'k: "é\\tThis extension provides a very long description that goes on and on past the eighty column limit for sure."\n',
    'k: "é\\tThis extension provides a very long description that goes on and on past the\n    eighty column limit for sure."\n',
  ],
];

describe('go-yaml string scalars', () => {
  it.each(VECTORS)('%j as yaml.v3 v3.0.1 writes it', (value, expected) => {
    expect(v3(value)).toBe(expected);
  });

  it.each(VECTORS)('%j as go-yaml v4 rc.6 writes it', (value, v3Output, rc6Output) => {
    expect(rc6(value)).toBe(rc6Output === '=' ? v3Output : rc6Output);
  });

  it.each([
    ['rc3', '\n', 'k: "\\n"\n'],
    ['rc3', '\nfoo\n', 'k: |4\n\n    foo\n'],
    ['rc4', '\nfoo\n', 'k: |\n\n    foo\n'],
    ['rc3', '<<', 'k: "<<"\n'],
    ['rc4', '<<', 'k: "<<"\n'],
    ['rc4', 'yes', 'k: "yes"\n'],
  ] as const)('%s writes %j its own way', (flavour, value, expected) => {
    expect(encodeGoYaml({ k: value }, { flavour, width: undefined })).toBe(expected);
  });
});

describe('go-yaml layout', () => {
  it('indents sequences under keys by 4 and sequence-item mappings by 2 (rounded up to multiples of 4)', () => {
    expect(
      encodeGoYaml({ k: [{ name: 'Name', jsonPath: '{.metadata.name}' }] }, { flavour: 'v3', width: undefined }),
    ).toBe("k:\n    - name: Name\n      jsonPath: '{.metadata.name}'\n");
    expect(encodeGoYaml({ k: [{ n: 'a', tags: ['x'], m: { k: 'v' } }] }, { flavour: 'rc6', width: 80 })).toBe(
      "k:\n    - 'n': a\n      tags:\n        - x\n      m:\n        k: v\n",
    );
    expect(encodeGoYaml({ k: [['a', 'b'], []] }, { flavour: 'v3', width: undefined })).toBe(
      'k:\n    - - a\n      - b\n    - []\n',
    );
    expect(encodeGoYaml({ k: ['a\nb\n'] }, { flavour: 'v3', width: undefined })).toBe(
      'k:\n    - |\n      a\n      b\n',
    );
    expect(encodeGoYaml({ customization: {} }, { flavour: 'rc6', width: undefined })).toBe('customization: {}\n');
  });

  it('reads back as the strings it encoded (npm yaml, core schema)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', ':', '#', '-', "'", '"', '\n', '\t', '1', '.', 'é', 'y'),
    });
    const flavour = fc.constantFrom<GoYamlFlavour>('v3', 'rc3', 'rc4', 'rc6');
    fc.assert(
      fc.property(text, flavour, (s, f) => {
        // known upstream losses: v3.0.1 drops a literal's leading empty line; rc.4+ write no indentation digit
        // for a text starting with a line break, so a first content line starting with a space loses it
        fc.pre(!(f === 'v3' && s.startsWith('\n')));
        fc.pre(!((f === 'rc4' || f === 'rc6') && /^\n+ /.test(s)));
        const doc = encodeGoYaml({ k: s }, { flavour: f, width: f === 'rc6' ? 80 : undefined });
        expect(parse(doc).k).toBe(s);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) },
    );
  });
});

describe('go-yaml release of a Talos version', () => {
  it.each([
    ['1.0.0', 'v3'],
    ['1.11.6', 'v3'],
    ['1.12.0-alpha.0', 'rc3'],
    ['1.12.11', 'rc3'],
    ['1.13.0-alpha.1', 'rc4'],
    ['1.14.0-alpha.1', 'rc4'],
    ['1.14.0-alpha.2', 'rc6'],
    ['1.15.0', 'rc6'],
  ] as const)('Talos %s writes YAML with %s', (version, flavour) => {
    expect(goYamlFlavourOf(new SemVer(version))).toBe(flavour);
  });
});
