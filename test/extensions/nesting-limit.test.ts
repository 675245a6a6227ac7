// Manifests and service definitions nested deeper than talos-sim can decode (go-yaml takes up to 10000 levels; the
// yaml package and the decoders recurse once per level): the machine config loader's text, with the line and column,
// never the engine's `Maximum call stack size exceeded`, whatever the nesting is made of.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeManifest, isManifestDecodeError } from '../../src/extensions/index.js';
import { decodeServiceSpec, isServiceSpecError } from '../../src/extensions/services/index.js';
import { isStackExhausted } from '../../src/goyaml/index.js';
import { thrown } from '../support/errors.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 10);
const TOO_DEEP = 'nested too deeply for talos-sim to decode (Talos decodes up to 10000 levels)';

/** A flow value `depth` levels deep: each level a sequence or a mapping, as `kinds` says (cycled). */
function nested(depth: number, kinds: readonly ('seq' | 'map')[]): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const seq = kinds[i % kinds.length] === 'seq';
    open += seq ? '[' : '{k: ';
    close = (seq ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

const MANIFEST_HEAD = 'version: v1alpha1\nmetadata:\n  name: x\n  extra: ';

describe('YAML nested too deeply', () => {
  it('is the config loader’s error in a manifest, with its line and column', () => {
    expect(thrown(() => decodeManifest(`${MANIFEST_HEAD}${nested(5000, ['seq'])}\n`)).message).toMatch(
      new RegExp(`^go-yaml load error in parser at L4\\.C\\d+: ${TOO_DEEP.replace(/[()]/g, '\\$&')}$`),
    );
  });

  it('is the config loader’s error in a service definition, in each go-yaml flavour’s frame', () => {
    const yaml = `name: x\ndepends: ${nested(5000, ['map'])}\n`;
    expect(thrown(() => decodeServiceSpec(yaml)).message).toMatch(
      /^error unmarshalling extension service config: go-yaml load error in parser at L2\.C\d+: nested too deeply for talos-sim to decode \(Talos decodes up to 10000 levels\)$/,
    );
    expect(thrown(() => decodeServiceSpec(yaml, { flavour: 'v3' })).message).toBe(
      `error unmarshalling extension service config: yaml: line 2: ${TOO_DEEP}`,
    );
  });

  it('never escapes as the engine’s RangeError, at any depth or mix of sequences and mappings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.constantFrom('seq' as const, 'map' as const), { minLength: 1, maxLength: 4 }),
        (depth, kinds) => {
          const value = nested(depth, kinds);
          for (const decode of [
            () => decodeManifest(`${MANIFEST_HEAD}${value}\n`),
            () => decodeServiceSpec(`name: x\ndepends: ${value}\n`),
            () => decodeServiceSpec(`name: x\ncontainer: ${value}\n`),
          ]) {
            try {
              decode();
            } catch (err) {
              expect(isManifestDecodeError(err) || isServiceSpecError(err)).toBe(true);
              expect((err as Error).message).not.toMatch(/call stack/i);
            }
          }
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('isStackExhausted', () => {
  it("is the engine's stack running out, not any RangeError", () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    expect(isStackExhausted(thrown(() => recurse(0)))).toBe(true);
    expect(isStackExhausted(thrown(() => new Date(Number.NaN).toISOString()))).toBe(false);
    expect(isStackExhausted(thrown(() => 'x'.repeat(-1)))).toBe(false);
  });
});
