// jxskiss/base62 as Talos uses it for node identities: upstream's vectors (adapters/cluster/identity_test.go) and
// its own test shapes (round trips of zeros, 0xff and random bytes), plus the decoder on arbitrary input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Base62Error, decodeBase62, encodeBase62, isBase62Error } from '../../controllers/identity-base62.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '300');
const VECTOR = 'sou7yy34ykX3n373Zw1DXKb8zD7UnyKT6HT3QDsGH6L';

describe('node identity base62', () => {
  it('decodes the NodeID of TestIdentityConvertMachineID to bytes starting be871ac0…, and back', () => {
    const raw = decodeBase62(VECTOR);
    expect(Buffer.from(raw.subarray(0, 16)).toString('hex')).toBe('be871ac0d0dd31fa4caca753b0f3f1b2');
    expect(raw).toHaveLength(32);
    expect(encodeBase62(raw)).toBe(VECTOR);
  });

  it('writes groups of bits from the end, five bits for 30, 31, 62 and 63', () => {
    // 0xff: the low six bits (63) give 31 (`f`) and only five bits go; the three left are 7 (`H`)
    expect(encodeBase62(Uint8Array.of(0xff))).toBe('fH');
    // 0x7e: 111110 is 62, so 30 (`e`) and five bits go; the three left, 011, are 3 (`D`)
    expect(encodeBase62(Uint8Array.of(0x7e))).toBe('eD');
    // 0x01: 1 (`B`), then the two remaining zero bits (`A`)
    expect(encodeBase62(Uint8Array.of(0x01))).toBe('BA');
    expect(encodeBase62(new Uint8Array(0))).toBe('');
    expect(decodeBase62('fH')).toEqual(Uint8Array.of(0xff));
    expect(decodeBase62('eD')).toEqual(Uint8Array.of(0x7e));
  });

  it('round-trips zeros and 0xff of every length up to 200, as upstream tests', () => {
    for (let n = 0; n <= 200; n++) {
      for (const fill of [0, 0xff]) {
        const src = new Uint8Array(n).fill(fill);
        expect(decodeBase62(encodeBase62(src))).toEqual(src);
      }
    }
  });

  it('round-trips random bytes, 43 to 45 characters for a 32-byte identity', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (src) => {
        const text = encodeBase62(src);
        expect(text).toMatch(/^[A-Za-z0-9]+$/);
        expect(decodeBase62(text)).toEqual(src);
        if (src.length === 32) expect(text.length).toBeGreaterThanOrEqual(43);
        if (src.length === 32) expect(text.length).toBeLessThanOrEqual(45);
      }),
      { numRuns: runs },
    );
  });

  it('names the first byte outside the alphabet, counting UTF-8 bytes', () => {
    let err: unknown;
    try {
      decodeBase62('abc-def');
    } catch (e) {
      err = e;
    }
    expect(isBase62Error(err)).toBe(true);
    expect((err as Base62Error).message).toBe('illegal base62 data at input byte 3');
    expect(() => decodeBase62('aé')).toThrow('illegal base62 data at input byte 1');
  });

  it('decodes any string to bytes or a Base62Error, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (text) => {
        try {
          return decodeBase62(text).length <= Math.floor((Buffer.byteLength(text) * 6) / 8) + 1;
        } catch (err) {
          return isBase62Error(err);
        }
      }),
      { numRuns: runs },
    );
  });
});
