// Scalar style decisions: the style the encoder requests for a Go string (steps A/B), and the style the
// emitter finally uses once it knows what the characters allow (step D).
import { isGoSpace, utf8Length } from './characters.js';
import type { FlavourTraits } from './flavour.js';
import { readsAsNonString } from './resolver.js';
import { analyzeScalar } from './scalar-analysis.js';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const YAML11_BOOLEANS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
for (const word of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']) YAML11_BOOLEANS.add(word);

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(text: string): boolean {
  return text.includes(':') && BASE60.test(text);
}

/** rc.3+ write a string with `\n` as a literal only if it has ≥ 2 bytes and a non-space character. */
function literalWorthy(text: string): boolean {
  if (utf8Length(text) < 2) return false;
  for (const ch of text) if (!isGoSpace(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

/** The style go-yaml's encoder requests for a Go string value or key. */
export function requestedStringStyle(text: string, traits: FlavourTraits): ScalarStyle {
  if (text.includes('\n')) return traits.literalForAnyNewline || literalWorthy(text) ? 'literal' : 'double';
  // Checked first: in rc.4+ `<<` also reads back as the merge key, yet keeps the compatibility quote.
  if (YAML11_BOOLEANS.has(text) || isBase60Float(text) || (traits.quotesMergeKey && text === '<<')) {
    return traits.compatibilityQuote;
  }
  return readsAsNonString(text, traits) ? 'double' : 'plain';
}

/** The style requested for an untagged scalar (a hand-built node without tag or style). */
export function requestedUntaggedStyle(text: string): ScalarStyle {
  return text.includes('\n') ? 'literal' : 'plain';
}

/** Whether a key can be written as a simple key (`key: value`) rather than `? key` / `: value`. */
export function isSimpleKey(text: string): boolean {
  return !/[\n\r\u0085\u2028\u2029]/.test(text) && utf8Length(text) <= 128;
}

/** The style the emitter writes, given the request and the scalar's position. */
export function finalScalarStyle(text: string, requested: ScalarStyle, simpleKey: boolean): ScalarStyle {
  const analysis = analyzeScalar(text);
  let style = requested;
  if (simpleKey && analysis.multiline) style = 'double';
  if (style === 'plain' && (!analysis.plainAllowed || (text === '' && simpleKey))) style = 'single';
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';
  return style;
}
