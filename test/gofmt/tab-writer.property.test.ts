import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TabWriter } from '../../src/gofmt/index.js';

const runes = (text: string): number => [...text].length;

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '你', '😀', '-', '1'), maxLength: 12 });

/**
 * Reference for lines with different numbers of cells: a column's width is shared by each maximal run of
 * consecutive lines that have a (non-last) cell in it.
 */
function reference(lines: readonly (readonly string[])[]): string {
  return lines
    .map((line, i) => {
      return line
        .map((value, c) => {
          if (c === line.length - 1) return value;
          const inRun = (k: number): boolean => (lines[k]?.length ?? 0) - 1 > c;
          let first = i;
          while (first > 0 && inRun(first - 1)) first--;
          let last = i;
          while (last < lines.length - 1 && inRun(last + 1)) last++;
          let width = 0;
          for (let k = first; k <= last; k++) width = Math.max(width, runes(lines[k]?.[c] ?? '') + 3);
          return value + ' '.repeat(width - runes(value));
        })
        .join('');
    })
    .map((text) => `${text}\n`)
    .join('');
}

function render(lines: readonly (readonly string[])[], flushEvery = false): string {
  let out = '';
  const tab = new TabWriter((text) => {
    out += text;
  });
  for (const line of lines) {
    tab.write(`${line.join('\t')}\n`);
    if (flushEvery) tab.flush();
  }
  tab.flush();
  return out;
}

describe('tabwriter (Go text/tabwriter, padding 3)', () => {
  it('pads every column to its widest cell + 3 and never pads the last cell', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((columns) =>
            fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 }),
          ),
        (lines) => {
          const out = render(lines).split('\n');
          expect(out.pop()).toBe('');
          expect(out).toHaveLength(lines.length);
          const columns = (lines[0] as string[]).length;
          let start = 0;
          for (let c = 0; c < columns; c++) {
            const width = Math.max(...lines.map((l) => runes(l[c] as string))) + 3;
            out.forEach((text, i) => {
              const value = (lines[i] as string[])[c] as string;
              const chars = [...text];
              if (c === columns - 1) {
                expect(chars.slice(start).join('')).toBe(value);
              } else {
                expect(chars.slice(start, start + width).join('')).toBe(
                  value.padEnd(value.length + width - runes(value)),
                );
              }
            });
            start += width;
          }
        },
      ),
      { numRuns },
    );
  });

  it('aligns each flushed line only to itself', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (lines) => {
        const expected = lines.map((line) => render([line])).join('');
        expect(render(lines, true)).toBe(expected);
      }),
      { numRuns },
    );
  });

  it('aligns columns in blocks of consecutive lines when lines have different numbers of cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        (lines) => {
          expect(render(lines)).toBe(reference(lines));
        },
      ),
      { numRuns },
    );
  });
});
