// The four scalar writers (plain, single-quoted, double-quoted, literal), including folding at the preferred
// width and go-yaml's escaping quirks.
import { isBreak, isPrintable } from './characters.js';
import type { EmitterState } from './emitter-state.js';
import type { FlavourTraits } from './flavour.js';

const SPACE = ' ';

function chars(text: string): string[] {
  return Array.from(text);
}

function breakAt(ch: string): boolean {
  return isBreak(ch.codePointAt(0) ?? 0);
}

/** Writes a line break inside a plain or single-quoted scalar: an extra break first, so it reads back. */
function writeContentBreak(e: EmitterState, ch: string, breaks: boolean): void {
  if (!breaks && ch === '\n') e.putBreak();
  e.writeBreak(ch);
}

export function writePlain(e: EmitterState, text: string, allowBreaks: boolean): void {
  if (text !== '' && !e.whitespace) e.put(SPACE);
  const cs = chars(text);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < cs.length; i++) {
    const ch = cs[i] as string;
    if (ch === SPACE) {
      if (allowBreaks && !spaces && e.column > e.bestWidth && cs[i + 1] !== SPACE) e.writeIndent();
      else e.write(ch);
      spaces = true;
    } else if (breakAt(ch)) {
      writeContentBreak(e, ch, breaks);
      breaks = true;
    } else {
      if (breaks) e.writeIndent();
      e.write(ch);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  if (text !== '') e.whitespace = false;
  e.indention = false;
}

export function writeSingleQuoted(e: EmitterState, text: string, allowBreaks: boolean): void {
  e.writeIndicator("'", true, false, false);
  const cs = chars(text);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < cs.length; i++) {
    const ch = cs[i] as string;
    if (ch === SPACE) {
      const inner = i > 0 && i < cs.length - 1;
      if (allowBreaks && !spaces && e.column > e.bestWidth && inner && cs[i + 1] !== SPACE) e.writeIndent();
      else e.write(ch);
      spaces = true;
    } else if (breakAt(ch)) {
      writeContentBreak(e, ch, breaks);
      breaks = true;
    } else {
      if (breaks) e.writeIndent();
      if (ch === "'") e.put("'");
      e.write(ch);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  e.writeIndicator("'", false, false, false);
  e.whitespace = false;
  e.indention = false;
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

function escapeSequence(cp: number): string {
  const short = SHORT_ESCAPES.get(cp);
  if (short !== undefined) return `\\${short}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

export function writeDoubleQuoted(e: EmitterState, text: string, allowBreaks: boolean): void {
  e.writeIndicator('"', true, false, false);
  // go-yaml's BOM test looks at the start of the string, not at the current character.
  const startsWithBom = text.startsWith('\ufeff');
  const cs = chars(text);
  let spaces = false;
  for (let i = 0; i < cs.length; i++) {
    const ch = cs[i] as string;
    const cp = ch.codePointAt(0) ?? 0;
    if (!isPrintable(cp) || startsWithBom || isBreak(cp) || ch === '"' || ch === '\\') {
      e.put(escapeSequence(cp));
      spaces = false;
    } else if (ch === SPACE) {
      if (allowBreaks && !spaces && e.column > e.bestWidth && i > 0 && i < cs.length - 1) {
        e.writeIndent();
        if (cs[i + 1] === SPACE) e.put('\\');
      } else {
        e.write(ch);
      }
      spaces = true;
    } else {
      e.write(ch);
      spaces = false;
    }
  }
  e.writeIndicator('"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

function chompIndicator(cs: readonly string[]): string {
  const last = cs[cs.length - 1];
  if (last === undefined || !breakAt(last)) return '-';
  if (cs.length === 1) return '+';
  return breakAt(cs[cs.length - 2] as string) ? '+' : '';
}

export function writeLiteral(e: EmitterState, text: string, traits: FlavourTraits): void {
  e.writeIndicator('|', true, false, false);
  const cs = chars(text);
  const first = cs[0] ?? '';
  if (first === SPACE || (traits.literalIndentHintForLeadingBreak && breakAt(first))) {
    e.writeIndicator(String(e.bestIndent), false, false, false);
  }
  const chomp = chompIndicator(cs);
  if (chomp !== '') e.writeIndicator(chomp, false, false, false);
  if (traits.literalBreakAfterHeader) e.putBreak();
  e.whitespace = true;
  let breaks = true;
  for (const ch of cs) {
    if (breakAt(ch)) {
      e.writeBreak(ch);
      breaks = true;
    } else {
      if (breaks) e.writeIndent();
      e.write(ch);
      e.indention = false;
      breaks = false;
    }
  }
}
