// The emitter's character analysis of a scalar (analyze_scalar): which styles can represent it in block
// context. Flow context never occurs: talosctl writes only empty flow collections.
import { codePoints, isBlank, isBlankOrZero, isBreak, isPrintable } from './characters.js';

export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly plainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

const EMPTY: ScalarAnalysis = { multiline: false, plainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };

const ALWAYS_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`'].map((c) => c.codePointAt(0)));
const COLON = 0x3a;
const QUESTION = 0x3f;
const DASH = 0x2d;
const HASH = 0x23;
const SPACE = 0x20;
const TAB = 0x09;

export function analyzeScalar(text: string): ScalarAnalysis {
  if (text === '') return EMPTY;
  const cps = codePoints(text);
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const last = cps.length - 1;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] as number;
    const next = cps[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next);
    if (i === 0) {
      if (ALWAYS_INDICATORS.has(cp)) blockIndicators = true;
      else if ((cp === QUESTION || cp === COLON || cp === DASH) && followedByWhitespace) blockIndicators = true;
    } else if (cp === COLON && followedByWhitespace) {
      blockIndicators = true;
    } else if (cp === HASH && precededByWhitespace) {
      blockIndicators = true;
    }
    if (cp === TAB) tabs = true;
    else if (!isPrintable(cp)) special = true;
    if (cp === SPACE) {
      if (i === 0) leadingSpace = true;
      if (i === last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrZero(cp);
  }
  const plainAllowed = !(
    leadingSpace ||
    leadingBreak ||
    trailingSpace ||
    trailingBreak ||
    breakSpace ||
    spaceBreak ||
    tabs ||
    special ||
    lineBreaks ||
    blockIndicators
  );
  return {
    multiline: lineBreaks,
    plainAllowed,
    singleQuotedAllowed: !(breakSpace || spaceBreak || tabs || special),
    blockAllowed: !(trailingSpace || spaceBreak || special),
  };
}
