// go-yaml's four scalar writers (spec go-yaml-and-jsonpath §3.5–3.6): plain, single-quoted, double-quoted with its
// escapes, and literal blocks; with the folding of long lines at a preferred width that only rc.5+ encoders use.
import type { GoYamlFlavour } from './go-yaml-flavour.js';
import { isGoYamlPrintable, type ScalarStyle } from './scalar-style.js';

/** Where a scalar is written. */
export interface ScalarPlacement {
  /** Column of the scalar's first character (after `key: ` or `- `). */
  readonly column: number;
  /** Indentation of continuation lines: folded lines and literal block content. */
  readonly indent: number;
  /** Preferred line width; undefined never folds. */
  readonly width: number | undefined;
  readonly flavour: GoYamlFlavour;
}

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

function escapeCodePoint(cp: number): string {
  const short = SHORT_ESCAPES.get(cp);
  if (short !== undefined) return `\\${short}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** Writes text while tracking the column, breaking at spaces past the width the way each quoting style allows. */
class LineWriter {
  out = '';
  column: number;
  constructor(private readonly p: ScalarPlacement) {
    this.column = p.column;
  }
  put(text: string, width = [...text].length): void {
    this.out += text;
    this.column += width;
  }
  breakLine(): void {
    this.out += `\n${' '.repeat(this.p.indent)}`;
    this.column = this.p.indent;
  }
  pastWidth(): boolean {
    return this.p.width !== undefined && this.column > this.p.width;
  }
}

function plain(chars: readonly string[], w: LineWriter): void {
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (!spaces && w.pastWidth() && chars[i + 1] !== ' ') w.breakLine();
      else w.put(ch);
      spaces = true;
    } else {
      w.put(ch);
      spaces = false;
    }
  });
}

function single(chars: readonly string[], w: LineWriter): void {
  w.put("'");
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      const inner = i > 0 && i < chars.length - 1;
      if (!spaces && w.pastWidth() && inner && chars[i + 1] !== ' ') w.breakLine();
      else w.put(ch);
      spaces = true;
    } else {
      w.put(ch === "'" ? "''" : ch);
      spaces = false;
    }
  });
  w.put("'");
}

function double(chars: readonly string[], w: LineWriter): void {
  // go-yaml's is_bom looks at the first bytes whatever the position: a leading BOM escapes everything
  const bom = chars[0] === '\ufeff';
  w.put('"');
  let spaces = false;
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0) as number;
    const breakChar = cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
    if (bom || !isGoYamlPrintable(cp) || breakChar || ch === '"' || ch === '\\') {
      w.put(escapeCodePoint(cp));
      spaces = false;
    } else if (ch === ' ') {
      if (!spaces && w.pastWidth() && i > 0 && i < chars.length - 1) {
        w.breakLine();
        if (chars[i + 1] === ' ') w.put('\\');
      } else {
        w.put(ch);
      }
      spaces = true;
    } else {
      w.put(ch);
      spaces = false;
    }
  });
  w.put('"');
}

function literal(s: string, p: ScalarPlacement): string {
  const indentDigit = s.startsWith(' ') || ((p.flavour === 'v3' || p.flavour === 'rc3') && s.startsWith('\n'));
  const chomp = !s.endsWith('\n') ? '-' : s === '\n' || s.endsWith('\n\n') ? '+' : '';
  const lines = s.split('\n');
  if (s.endsWith('\n')) lines.pop();
  // yaml.v3 v3.0.1 loses the first empty line of a text that starts with a line break
  if (p.flavour === 'v3' && s.startsWith('\n')) lines.shift();
  const body = lines.map((l) => (l === '' ? '\n' : `${' '.repeat(p.indent)}${l}\n`)).join('');
  return `|${indentDigit ? '4' : ''}${chomp}\n${body}`;
}

/** The text go-yaml writes for a scalar in the given style, up to and including the line break that ends it. */
export function writeScalar(s: string, style: ScalarStyle, p: ScalarPlacement): string {
  if (style === 'literal') return literal(s, p);
  const w = new LineWriter(p);
  const chars = [...s];
  if (style === 'plain') plain(chars, w);
  else if (style === 'single') single(chars, w);
  else double(chars, w);
  return `${w.out}\n`;
}
