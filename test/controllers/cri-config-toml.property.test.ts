// Property tests of the TOML engine: what the encoder writes decodes back to the same value (so encoding is stable),
// and arbitrary text only ever fails with a TomlDecodeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeToml,
  encodeToml,
  isTomlDecodeError,
  TomlTable,
  type TomlValue,
} from '../../controllers/go-toml/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '300');

const key = fc.oneof(fc.stringMatching(/^[a-z0-9_-]{1,6}$/), fc.string({ maxLength: 6 }));
const scalar: fc.Arbitrary<TomlValue> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.double({ noNaN: true }),
  fc.boolean(),
);

const table: fc.Arbitrary<TomlTable> = fc.letrec<{ table: TomlTable; value: TomlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    tie('table'),
    fc.array(tie('table'), { minLength: 1, maxLength: 2 }),
  ),
  table: fc.dictionary(key, tie('value'), { maxKeys: 4 }).map((d) => new TomlTable(Object.entries(d))),
})).table;

describe('TOML engine', () => {
  it('decodes what it encodes to a value that encodes the same way', () => {
    fc.assert(
      fc.property(table, (t) => {
        const text = encodeToml(t);
        expect(encodeToml(decodeToml(text))).toBe(text);
      }),
      { numRuns: runs },
    );
  });

  it('fails on arbitrary text only with go-toml decode errors', () => {
    const tomlish = fc.stringMatching(/^[\s\S]{0,60}$/).map((s) => s.replace(/[^\n a-z0-9=[\]{}"'.,#:+_-]/g, ' '));
    fc.assert(
      fc.property(fc.oneof(tomlish, fc.string({ maxLength: 60 })), (text) => {
        try {
          decodeToml(text);
        } catch (err) {
          expect(isTomlDecodeError(err)).toBe(true);
        }
      }),
      { numRuns: runs * 3 },
    );
  });

  it('refuses hostile nesting instead of exhausting the stack', () => {
    expect(() => decodeToml(`a = ${'['.repeat(100_000)}`)).toThrow('toml: document is nested too deeply');
  });
});
