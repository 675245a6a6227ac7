// Robustness of the /etc/extensions.yaml decoder on arbitrary YAML-ish text: it only ever fails with
// ExtensionsConfigDecodeError, and never hangs on alias or merge bombs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExtensionsConfig } from '../../controllers/extensions-config-decoder.js';
import { isExtensionsConfigDecodeError } from '../../controllers/extensions-config-error.js';
import { YAML_FLAVOURS } from '../../src/goyaml/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '300');

const fragment = fc.constantFrom(
  'layers:',
  '\n',
  '  ',
  '- ',
  'image: ',
  'metadata:',
  'name: ',
  'version: ',
  '{',
  '}',
  '[',
  ']',
  ',',
  'null',
  '~',
  '&a ',
  '*a',
  '<<: ',
  '"x"',
  "'y'",
  '2024-01-01',
  '1.10',
  'true',
  '---',
  '#',
  '|',
  'abc',
  ':',
);

describe('extensions.yaml decoder', () => {
  it('fails only with its own error class', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), fc.constantFrom(...YAML_FLAVOURS), (parts, flavour) => {
        try {
          decodeExtensionsConfig(parts.join(''), flavour);
        } catch (err) {
          expect(isExtensionsConfigDecodeError(err)).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('stops a merge bomb', () => {
    const levels = 30;
    let text = 'l0: &l0 {name: x}\n';
    for (let i = 1; i < levels; i++) text += `l${i}: &l${i} {<<: [*l${i - 1}, *l${i - 1}]}\n`;
    text += `layers:\n  - metadata: {<<: *l${levels - 1}}\n`;
    expect(() => decodeExtensionsConfig(text, 'rc6')).toThrow(/excessive aliasing/);
  });
});
