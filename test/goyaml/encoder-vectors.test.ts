import { describe, expect, it } from 'vitest';
import { encode, marshal, YAML_FLAVOURS, type YamlFlavour } from '../../src/goyaml/index.js';
import { ENCODER_VECTORS, type EncoderVector } from './vectors.js';

function expected(vector: EncoderVector, flavour: YamlFlavour): string {
  if (flavour === 'rc6') return vector.rc6 ?? vector.v3;
  if (flavour === 'rc3') return vector.rc3 ?? vector.v3;
  if (flavour === 'rc4') return vector.rc4 ?? vector.v3;
  return vector.v3;
}

describe('go-yaml encoder vectors (spec §5)', () => {
  it('covers all 106 vectors', () => {
    expect(ENCODER_VECTORS.map((v) => v.id)).toEqual(Array.from({ length: 106 }, (_, i) => i + 1));
  });

  for (const flavour of YAML_FLAVOURS) {
    describe(`NewEncoder().Encode with ${flavour}`, () => {
      it.each(ENCODER_VECTORS.map((v) => [v.id, v] as const))('vector %i', (_id, vector) => {
        expect(encode({ k: vector.value }, flavour)).toBe(expected(vector, flavour));
      });
    });
  }

  describe('Marshal never folds, even in rc.6', () => {
    it.each([82, 83, 84])('vector %i', (id) => {
      const vector = ENCODER_VECTORS.find((v) => v.id === id) as EncoderVector;
      expect(marshal({ k: vector.value }, 'rc6')).toBe(vector.v3);
    });
  });
});
