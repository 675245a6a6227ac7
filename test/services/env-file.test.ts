// hashicorp/go-envparse as the extension environmentFile reader: accepted forms and the exact error texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvFileError, parseEnvFile, replaceOrAppendEnv } from '../../src/services/index.js';
import { thrown } from '../support/errors.js';

describe('parseEnvFile', () => {
  it('reads plain, exported, quoted and escaped values; skips comments, blanks and empty values', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      'export B = two words # trailing comment',
      'C="quoted \\"x\\"\\n\\u00e9"',
      "D='single # not a comment'",
      'E=',
      'F=last',
      'F=wins',
      'dotted.key/x=ok\r',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual([
      'A=1',
      'B=two words',
      'C=quoted "x"\né',
      'D=single # not a comment',
      'F=wins',
      'dotted.key/x=ok',
    ]);
  });

  it.each([
    ['novalue', 'error on line 1: missing ='],
    ['=x', 'error on line 1: empty key'],
    ['1A=x', "error on line 1: key must start with [A-Za-z_] but found '1'"],
    ['A-B=x', "error on line 1: key characters must be [A-Za-z0-9/_.] but found '-'"],
    ['A="open', 'error on line 1: unmatched "'],
    ["A='open", "error on line 1: unmatched '"],
    ['A="\\', 'error on line 1: incomplete escape sequence'],
    ['A="\\q"', 'error on line 1: invalid escape sequence: "q"'],
    ['A="\\u12"', 'error on line 1: incomplete hex sequence'],
    ['OK=1\nA=b\tc', 'error on line 2: 0x09 is an invalid value character'],
  ])('refuses %j: %s', (text, message) => {
    expect(thrown(() => parseEnvFile(text)).message).toBe(message);
  });
});

describe('replaceOrAppendEnv (containerd oci.WithEnv)', () => {
  it('replaces keys of the base in place, appends the rest (repeats kept), unsets bare keys', () => {
    expect(replaceOrAppendEnv(['PATH=/bin', 'A=1', 'B=2'], ['A=x', 'C=1', 'C=2', 'B', 'PATH=/usr/bin'])).toEqual([
      'PATH=/usr/bin',
      'A=x',
      'C=1',
      'C=2',
    ]);
  });
});

describe('parseEnvFile on arbitrary input (property)', () => {
  it('returns KEY=value entries or throws EnvFileError naming a line, nothing else', () => {
    const piece = fc.constantFrom(
      'A',
      'b_',
      '1',
      '=',
      '"',
      "'",
      '\\',
      '\\u00',
      '#',
      ' ',
      '\t',
      '\n',
      'export ',
      'é',
      '\u0000',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        try {
          for (const entry of parseEnvFile(parts.join(''))) expect(entry).toMatch(/^[A-Za-z_][A-Za-z0-9/_.]*=/s);
        } catch (err) {
          expect(err).toBeInstanceOf(EnvFileError);
          expect((err as Error).message).toMatch(/^error on line \d+: /);
        }
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) },
    );
  });
});
