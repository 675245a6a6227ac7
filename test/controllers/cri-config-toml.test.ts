// The TOML engine behind the CRI config: talos's internal/pkg/toml test vectors (testdata 1–3 and expected.toml at
// v1.13.0, carried over as files), go-toml's decoding and encoding rules and error texts, and the Talos merge.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeToml,
  encodeToml,
  mergeCriConfigParts,
  mergeTables,
  TomlStruct,
  TomlTable,
} from '../../controllers/go-toml/index.js';

const TESTDATA = join(import.meta.dirname, '..', 'fixtures', 'derived', 'toml');
const read = (name: string) => readFileSync(join(TESTDATA, name));

const roundTrip = (text: string) => encodeToml(decodeToml(text));
const decodeError = (text: string) => {
  try {
    decodeToml(text);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('Talos TOML merge (internal/pkg/toml)', () => {
  it('reproduces TestMerge: testdata/1–3 merge into expected.toml byte for byte', () => {
    const parts = ['1', '2', '3'].map((n) => ({
      name: `testdata/${n}.toml`,
      origin: `testdata/${n}.toml`,
      contents: read(`${n}.toml`),
    }));
    expect(mergeCriConfigParts(parts).contents).toBe(read('expected.toml').toString('utf8'));
  });

  it('merges in the order given: later scalars win, arrays concatenate, zero values do not override', () => {
    const parts = [
      'version = 2\n[metrics]\naddress = "first"\nlevel = 3\ndirs = ["/a"]\nflag = true\n',
      '[metrics]\naddress = "second"\nlevel = 0\ndirs = ["/b"]\nflag = false\nempty = ""\n',
      '[metrics]\naddress = ""\n',
    ].map((text, i) => ({ name: `${i}.part`, origin: `part ${i}`, contents: Buffer.from(text) }));
    const out = mergeCriConfigParts(parts).contents;
    expect(out.split('\n\n').slice(1).join('\n\n')).toBe(
      "version = 2\n\n[metrics]\n  address = 'second'\n  dirs = ['/a', '/b']\n  empty = ''\n  flag = false\n  level = 3\n",
    );
  });

  it('names the part that does not decode or merge', () => {
    const part = (name: string, text: string) => ({ name, origin: name, contents: Buffer.from(text) });
    expect(() => mergeCriConfigParts([part('invalid.part', '[invalid')])).toThrow(
      'error decoding "invalid.part": toml: expected character ] but the document ended here',
    );
    expect(() => mergeCriConfigParts([part('a.part', '[x]\ny = 1\n'), part('b.part', '[x]\ny = "s"\n')])).toThrow(
      'error merging "b.part": merge map key map[string]interface {}[x]: merge map key map[string]interface {}[y]: merge type mismatch left int64 right string',
    );
    expect(() =>
      mergeCriConfigParts([part('a', 't = 1979-05-27T07:32:00Z'), part('b', 't = 1980-05-27T07:32:00Z')]),
    ).toThrow(
      'error merging "b": merge map key map[string]interface {}[t]: merge field time.Time.wall: merge not possible, left 0 is not settable',
    );
  });

  it('merges local times field by field, keeping left fields where the right is zero', () => {
    const left = decodeToml('t = 07:32:15\n');
    mergeTables(left, decodeToml('t = 00:45:00\n'));
    expect(encodeToml(left)).toBe('t = 07:45:15\n');
  });
});

describe('go-toml encoding (SetIndentTables)', () => {
  it('writes key-values before tables, keys sorted, strings literal unless they need quotes', () => {
    expect(roundTrip('b = "x"\na = 1\n[t]\nz = true\n[s]\nq = "it\'s"\nn = "a\\nb"\n')).toBe(
      'a = 1\nb = \'x\'\n\n[s]\n  n = "a\\nb"\n  q = "it\'s"\n\n[t]\n  z = true\n',
    );
  });

  it('writes floats without exponents, integers as int64, special floats and date-times as go-toml does', () => {
    expect(roundTrip('a = 1e3\nb = 1.5e-7\nc = -0.0\nd = inf\ne = -inf\nf = nan\ng = 0x1F\nh = 1_000\n')).toBe(
      'a = 1000.0\nb = 0.00000015\nc = -0.0\nd = inf\ne = -inf\nf = nan\ng = 31\nh = 1000\n',
    );
    expect(
      roundTrip('a = 1979-05-27T07:32:00.500-07:00\nb = 1979-05-27\nc = 07:32:00.1230\nd = 1979-05-27 07:32:00\n'),
    ).toBe('a = 1979-05-27T07:32:00.5-07:00\nb = 1979-05-27\nc = 07:32:00.1230\nd = 1979-05-27T07:32:00\n');
  });

  it('quotes keys that are not bare and writes inline values of arrays inline', () => {
    expect(roundTrip('"a b" = 1\n"it\'s" = 2\nx = [{b = 2, a = 1}, []]\n')).toBe(
      "'a b' = 1\n\"it's\" = 2\nx = [{a = 1, b = 2}, []]\n",
    );
  });

  it('writes arrays of tables with unindented headers and indented content', () => {
    expect(roundTrip('[[p.q]]\nx = 1\n[[p.q]]\ny = 2\n[p.q.r]\nz = 3\n')).toBe(
      '[p]\n[[p.q]]\n    x = 1\n\n[[p.q]]\n    y = 2\n\n    [p.q.r]\n      z = 3\n',
    );
  });

  it('writes structs in field order (the registries part)', () => {
    const s = new TomlStruct([
      ['z', 'first'],
      ['a', new TomlTable([['k', 'v']])],
      ['skipped', undefined],
    ]);
    expect(encodeToml(s)).toBe("z = 'first'\n\n[a]\n  k = 'v'\n");
  });
});

describe('go-toml decoding errors', () => {
  it.each([
    ['a = 1\na = 2\n', 'toml: key a is already defined'],
    ['[a]\n[a]\n', 'toml: table a already exists'],
    ['a = 1\n[a.b]\n', 'toml: expected a to be a table, not a value'],
    ['a = 1\n[a]\n', 'toml: key a should be a table, not a value'],
    ['a = []\n[[a]]\n', 'toml: key value already exists as a a,  but should be an array table'],
    ['[a.b]\n[a]\nb.c = 1\n', 'toml: cannot redefine table b that has already been explicitly defined'],
    ['[x]\ny.z = 1\n[x.y]\n', 'toml: table y already exists'],
    ['a = 1 b = 2\n', "toml: expected newline but got U+0062 'b'"],
    ['a = tru\n', "toml: expected 'true'"],
    ['a =\n', 'toml: incomplete number'],
    ['a', 'toml: expected = after a key, but the document ends there'],
    ['a = ', 'toml: expected value, not eof'],
    ['a = [1 2]\n', 'toml: array elements must be separated by commas'],
    ['a = [,1]\n', 'toml: array cannot start with comma'],
    ['a = [1,\n', 'toml: expected value, not eof'],
    ['a = [1\n', 'toml: array is incomplete'],
    ['a = {b = 1\n', 'toml: expected character ,'],
    ['a = "x\n"\n', 'toml: basic strings cannot have new lines'],
    ['a = "\\q"\n', "toml: invalid escaped character U+0071 'q'"],
    ['a = "x', 'toml: basic string not terminated by "'],
    ["a = 'x", 'toml: unterminated literal string'],
    ['a = 012\n', "toml: expected newline but got U+0031 '1'"],
    ['a = 1__0\n', 'toml: number must have at least one digit between underscores'],
    ['a = 01.5\n', "toml: expected newline but got U+0031 '1'"],
    ['a = -01.5\n', 'toml: float integer part cannot have leading zeroes'],
    ['a = 1.\n', 'toml: float cannot end with a dot'],
    [
      'a = 9223372036854775808\n',
      'toml: couldn\'t parse decimal number: strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ],
    ['a = 1979-02-30\n', 'toml: impossible date'],
    ['a = 25:00:00\n', 'toml: hour cannot be greater 23'],
    ['= 1\n', 'toml: invalid character at start of key: ='],
    ['# ok\n\ta = 1 # c\r\nb = 2', undefined],
  ])('%j → %s', (text, message) => {
    expect(decodeError(text)).toBe(message);
  });
});
