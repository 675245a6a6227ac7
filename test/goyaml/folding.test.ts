import { describe, expect, it } from 'vitest';
import { encode, marshal } from '../../src/goyaml/index.js';

const words = (n: number): string => Array.from({ length: n }, () => 'word').join(' ');

describe('folding at width 80 (rc.5+/rc6 encoder only, spec §3.6)', () => {
  it('breaks a plain scalar at the first space after column 80 and continues at up(p)', () => {
    const value = { a: { b: { description: words(30) } } };
    const out = encode(value, 'rc6');
    expect(out).toBe(
      `a:\n    b:\n        description: ${words(13)}\n            ${words(14)}\n            ${words(3)}\n`,
    );
    const lines = out.split('\n');
    expect(lines[2]?.length).toBe(85);
    expect(lines[3]?.length).toBe(81);
  });

  it('never folds with Marshal or in older flavours', () => {
    const value = { description: words(30) };
    expect(marshal(value, 'rc6')).toBe(`description: ${words(30)}\n`);
    for (const flavour of ['v3', 'rc3', 'rc4'] as const)
      expect(encode(value, flavour)).toBe(`description: ${words(30)}\n`);
  });

  it('never breaks a plain scalar at a run of spaces', () => {
    const text = `${'x'.repeat(85)}  y z`;
    expect(encode({ k: text }, 'rc6')).toBe(`k: ${'x'.repeat(85)}  y\n    z\n`);
  });

  it('starts the continuation line with an escaped space when two spaces meet the break', () => {
    const text = `\t${'x'.repeat(85)}  y`;
    expect(encode({ k: text }, 'rc6')).toBe(`k: "\\t${'x'.repeat(85)}\n    \\ y"\n`);
  });

  it('folds a sequence item at dash + 2', () => {
    expect(encode([words(30)], 'rc6')).toBe(`- ${words(16)}\n  ${words(14)}\n`);
  });

  it('folds a root scalar at column 4', () => {
    expect(encode(words(30), 'rc6')).toBe(`${words(17)}\n    ${words(13)}\n`);
  });

  it('never folds keys or literal blocks', () => {
    const longKey = words(25);
    expect(encode(new Map([[longKey, 'v']]), 'rc6')).toBe(`${longKey}: v\n`);
    const literal = `${words(30)}\n`;
    expect(encode({ k: literal }, 'rc6')).toBe(`k: |\n    ${words(30)}\n`);
  });

  it('counts characters, not bytes, towards the width', () => {
    const text = `${'é'.repeat(80)} a b`;
    expect(encode({ k: text }, 'rc6')).toBe(`k: ${'é'.repeat(80)}\n    a b\n`);
  });
});
