// The unified diff printed for failed scenario expectations, checked against GNU diff -u as the oracle.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/cluster/unified-diff.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'talos-sim-diff-'));

function gnuDiff(a: string, b: string): string {
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  try {
    execFileSync('diff', ['-u', '--label', 'expected', '--label', 'actual', join(dir, 'a'), join(dir, 'b')]);
    return '';
  } catch (err) {
    return String((err as { stdout: Buffer }).stdout);
  }
}

/** Applies a unified diff to `text` (hunks in order, context checked). */
function patch(text: string, diff: string): string {
  if (diff === '') return text;
  const source = text.split('\n').slice(0, -1);
  const out: string[] = [];
  let at = 0;
  const lines = diff.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? /.exec(lines[i] as string);
    if (header === null) throw new Error(`not a hunk: ${lines[i]}`);
    const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
    while (at < start) out.push(source[at++] as string);
    for (i++; i < lines.length && !(lines[i] as string).startsWith('@@'); i++) {
      const line = lines[i] as string;
      if (line.startsWith('+')) out.push(line.slice(1));
      else {
        if (source[at] !== line.slice(1)) throw new Error(`context mismatch at ${at}`);
        if (line.startsWith(' ')) out.push(source[at] as string);
        at++;
      }
    }
    i--;
  }
  while (at < source.length) out.push(source[at++] as string);
  return out.map((l) => `${l}\n`).join('');
}

describe('unifiedDiff', () => {
  it('prints nothing for equal texts, and a hunk for a changed line', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n')).toBe('--- expected\n+++ actual\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });

  it(
    'is as short as diff -u (both minimal), and applying it to the expected text gives the actual one',
    () => {
      const text = fc
        .array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 })
        .map((ls) => ls.map((l) => `${l}\n`).join(''));
      const changes = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;
      fc.assert(
        fc.property(text, text, (a, b) => {
          const ours = unifiedDiff(a, b);
          const theirs = gnuDiff(a, b);
          expect(changes(ours)).toBe(changes(theirs));
          expect(ours.split('\n').filter((l) => l.startsWith('@@')).length).toBe(
            theirs.split('\n').filter((l) => l.startsWith('@@')).length,
          );
          expect(patch(a, ours)).toBe(b);
        }),
        { numRuns: runs },
      );
    },
    // each case runs diff(1) and patch(1): tens of milliseconds on a busy machine
    5000 + runs * 100,
  );
});
