import { describe, expect, it } from 'vitest';
import { float64, OrderedMapping, readBack, untagged } from '../../src/goyaml/index.js';
import { formatExecute, formatTalosctlResult, isJsonPathEvalError, JsonPath } from '../../src/printers/index.js';

const DATA = readBack({
  items: [
    { name: 'a', n: 1, tags: ['x', 'y'] },
    { name: 'b', n: 2, tags: [] },
    { name: 'c', f: float64(0.5), big: 18446744073709551615n, flag: true, nothing: null },
  ],
  'talos.dev/owned': 'yes',
  'a.b': 'dotted',
  s: 'hé',
  m: { z: 1, a: { b: 'deep' } },
  t: new Date(Date.UTC(2024, 7, 9)),
});

function lines(template: string, options: { allowMissingKeys?: boolean; strictRange?: boolean } = {}): string[] {
  return new JsonPath(template, options).findResults(DATA).flat().map(formatTalosctlResult);
}

function evalError(template: string, data = DATA, options: { allowMissingKeys?: boolean } = {}): string {
  try {
    new JsonPath(template, options).findResults(data);
  } catch (err) {
    if (isJsonPathEvalError(err)) return err.message;
    throw err;
  }
  return '(no error)';
}

describe('JSONPath evaluation (spec §8.3)', () => {
  it('reads fields, escaped dots and dict keys, which split at dots', () => {
    expect(lines('{.talos\\.dev/owned}')).toEqual(['yes']);
    expect(lines("{['m']['a']['b']}")).toEqual(['deep']);
    expect(lines("{['m.a.b']}")).toEqual(['deep']);
    expect(evalError("{['a.b']}")).toBe('a is not found');
    expect(evalError("{['m z']}")).toBe('unrecognized identifier z');
  });

  it('treats [] as [0] and negative bounds from the end', () => {
    expect(lines('{.items[].name}')).toEqual(['a']);
    expect(lines('{.items[-2:].name}')).toEqual(['b', 'c']);
    expect(lines('{.items[0:3:2].name}')).toEqual(['a', 'c']);
  });

  it('checks bounds instead of clamping, and stops a step that asks for nothing', () => {
    expect(evalError('{.items[2:1]}')).toBe('starting index 2 is greater than ending index 1');
    expect(evalError('{.items[::0]}')).toBe('step must be > 0');
    expect(evalError('{.items[-4]}')).toBe('array index out of bounds: index -1, length 3');
    expect(lines('{.items[1:1]}')).toEqual([]);
    expect(lines('{.items[*].tags[0:0]}')).toEqual([]);
  });

  it('names Go types when a value is not a list', () => {
    expect(evalError('{.s[0]}')).toBe('string is not array or slice');
    expect(evalError('{.items[0].n[0]}')).toBe('int is not array or slice');
    expect(evalError('{.items[2].big[0]}')).toBe('uint64 is not array or slice');
    expect(evalError('{.items[2].f[0]}')).toBe('float64 is not array or slice');
    expect(evalError('{.items[2].flag[0]}')).toBe('bool is not array or slice');
    expect(evalError('{.t[0]}')).toBe('time.Time is not array or slice');
    expect(lines('{.items[2].nothing[0]}')).toEqual([]);
    expect(evalError('{.m[?(@.a)]}')).toBe('map[a:map[b:deep] z:1] is not array or slice and cannot be filtered');
    expect(evalError('{.items[2].nothing[?(@.a)]}')).toBe('<nil> is not array or slice and cannot be filtered');
  });

  it('compares like Go templates', () => {
    const lenient = { allowMissingKeys: true };
    expect(evalError('{.items[?(@.n>=2)].name}')).toBe('n is not found');
    expect(lines('{.items[?(@.n>=2)].name}', lenient)).toEqual(['b']);
    expect(lines('{.items[?(@.n!=2)].name}', lenient)).toEqual(['a']);
    expect(lines('{.items[?(@.name<"b")].name}')).toEqual(['a']);
    expect(lines('{.items[?(@.f==0.5)].name}', lenient)).toEqual(['c']);
    expect(lines('{.items[?(@.big>1)].name}', lenient)).toEqual(['c']);
    expect(evalError('{.items[?(@.f==1)]}', DATA, lenient)).toBe('incompatible types for comparison');
    expect(evalError('{.items[?(@.flag<true)]}', DATA, lenient)).toBe('invalid type for comparison');
    expect(evalError('{.items[?(@.nothing=="x")]}', DATA, lenient)).toBe('invalid type for comparison');
    expect(evalError('{.items[?(@.tags=="x")]}', DATA, lenient)).toBe('invalid type for comparison');
    expect(evalError('{.items[?(@.tags[*]=="x")]}', DATA, lenient)).toBe('can only compare one element at a time');
    expect(evalError('{.items[?(@.n===1)]}', DATA, lenient)).toBe('unrecognized filter operator ===');
  });

  it('keeps an item in an existence test when the failing step returned its input (as Go does)', () => {
    expect(lines('{.items[?(@.tags[5])].name}')).toEqual(['a', 'b']);
    expect(lines('{.items[?(@.nothing)].name}')).toEqual(['c']);
  });

  it('walks maps in sorted key order and strings byte by byte', () => {
    expect(lines('{.m.*}')).toEqual(['{\n    "b": "deep"\n}', '1']);
    expect(lines('{.s.*}')).toEqual(['104', '195', '169']);
    expect(lines('{.m..b}')).toEqual(['deep']);
    expect(lines('{.items[0]..}')).toEqual([
      '{\n    "n": 1,\n    "name": "a",\n    "tags": [\n        "x",\n        "y"\n    ]\n}',
      'a',
      '[\n    "x",\n    "y"\n]',
      'x',
      'y',
    ]);
  });

  it('prints literals, numbers and booleans of the template', () => {
    expect(lines("{\"\\t\\u00e9\\x41\\101\"}{'it\\'s'}{1.5}{-2}{true}")).toEqual([
      '\téAA',
      "it's",
      '1.5',
      '-2',
      'true',
    ]);
  });

  it('runs a range body per result, and once against nothing when there are none', () => {
    expect(lines('{range .items[*]}[{.name}]{end}')).toEqual(['[', 'a', ']', '[', 'b', ']', '[', 'c', ']']);
    expect(lines('{range .items[*]}{range .tags[*]}{@}{end}{end}', { allowMissingKeys: true })).toEqual(['x', 'y']);
    expect(lines('{range .items[1].tags[*]}x{end}')).toEqual([]);
    expect(evalError('{range .items[1].tags[*]}{.x}{end}')).toBe('x is not found');
    expect(evalError('{range .items[1].tags[*]}{[0]}{end}')).toBe('reflect: call of reflect.Value.Type on zero Value');
  });

  it('evaluates the body again at the top level when end is missing', () => {
    expect(lines('{range .items[0:2]}{.name}', { allowMissingKeys: true })).toEqual(['a', 'b']);
  });

  it('allows missing keys when asked (table columns)', () => {
    expect(lines('{.nope.deeper}', { allowMissingKeys: true })).toEqual([]);
  });

  it('renders table cells like client-go Execute', () => {
    const execute = (template: string, data = DATA) =>
      formatExecute(new JsonPath(template, { allowMissingKeys: true }).findResults(data));
    expect(execute('{.items[*].name}')).toBe('a b c');
    expect(execute('{.items[2].nothing}')).toBe('null');
    expect(execute('{.m}')).toBe('{"a":{"b":"deep"},"z":1}');
    expect(execute('{.t}')).toBe('"2024-08-09T00:00:00Z"');
    expect(execute('{.items[0].name}-{.items[1].name}')).toBe('a-b');
    expect(execute('{}', null)).toBe('<no value>');
    expect(execute('{.a}', null)).toBe('');
  });

  it('keeps non-string keys out of field lookups', () => {
    const data = readBack(
      new OrderedMapping([
        [untagged('1'), 'one'],
        [untagged('x'), 'ex'],
      ]),
    );
    expect(new JsonPath('{.x}').findResults(data)).toEqual([['ex']]);
    expect(evalError('{.1}', data)).toBe('1 is not found');
  });
});
