// go-toml v2's reading of number and date-time tokens (unstable/parser.go scanIntOrFloat and scanDateTime, decode.go
// parseInteger/parseFloat/parseLocalDate/parseLocalTime/parseDateTime), with its error texts. Tokens are cut first,
// then converted, as go-toml does; `fail` reports a reason at the token.
import { TomlLocalDate, TomlLocalDateTime, TomlLocalTime, TomlOffsetDateTime, type TomlValue } from './toml-value.js';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
type Fail = (reason: string) => never;

/** The token of an integer, float or date-time at `at` in `s` and its kind (scanIntOrFloatOrDateTime). */
export function scanNumberOrDateTime(s: string, at: number, fail: Fail): { token: string; kind: TokenKind } {
  const c = s[at];
  if (c === 'i') {
    if (!s.startsWith('inf', at)) fail("expected 'inf'");
    return { token: 'inf', kind: 'float' };
  }
  if (c === 'n') {
    if (!s.startsWith('nan', at)) fail("expected 'nan'");
    return { token: 'nan', kind: 'float' };
  }
  if (c !== '+' && c !== '-' && s.length - at >= 3) {
    for (let i = 0; i < Math.min(5, s.length - at); i++) {
      const ch = s[at + i];
      if (isDigit(ch)) continue;
      if ((i === 2 && ch === ':') || (i === 4 && ch === '-')) return scanDateTime(s, at);
      break;
    }
  }
  return scanIntOrFloat(s, at, fail);
}

export type TokenKind = 'integer' | 'float' | 'datetime' | 'local-datetime' | 'local-date' | 'local-time';

function scanIntOrFloat(s: string, at: number, fail: Fail): { token: string; kind: TokenKind } {
  if (s.length - at > 2 && s[at] === '0' && s[at + 1] !== '.' && s[at + 1] !== 'e' && s[at + 1] !== 'E') {
    const valid: Record<string, RegExp> = { x: /[0-9a-fA-F_]/, o: /[0-7_]/, b: /[01_]/ };
    const re = valid[s[at + 1] as string];
    if (re === undefined) return { token: '0', kind: 'integer' };
    let i = at + 2;
    while (i < s.length && re.test(s[i] as string)) i++;
    return { token: s.slice(at, i), kind: 'integer' };
  }
  let i = at;
  let float = false;
  for (; i < s.length; i++) {
    const ch = s[i] as string;
    if (isDigit(ch) || ch === '+' || ch === '-' || ch === '_') continue;
    if (ch === '.' || ch === 'e' || ch === 'E') {
      float = true;
      continue;
    }
    if (ch === 'i') {
      if (s.startsWith('inf', i)) return { token: s.slice(at, i + 3), kind: 'float' };
      fail("unexpected character 'i' while scanning for a number");
    }
    if (ch === 'n') {
      if (s.startsWith('nan', i)) return { token: s.slice(at, i + 3), kind: 'float' };
      fail("unexpected character 'n' while scanning for a number");
    }
    break;
  }
  if (i === at) fail('incomplete number');
  return { token: s.slice(at, i), kind: float ? 'float' : 'integer' };
}

function scanDateTime(s: string, at: number): { token: string; kind: TokenKind } {
  let hasDate = false;
  let hasTime = false;
  let hasTz = false;
  let seenSpace = false;
  let i = at;
  loop: for (; i < s.length; i++) {
    const c = s[i] as string;
    if (isDigit(c)) continue;
    switch (c) {
      case '-':
        hasDate = true;
        if (i - at >= 8) hasTz = true;
        break;
      case 'T':
      case 't':
      case ':':
      case '.':
        hasTime = true;
        break;
      case '+':
      case 'Z':
      case 'z':
        hasTz = true;
        break;
      case ' ':
        if (!seenSpace && i + 1 < s.length && isDigit(s[i + 1])) {
          i += 2;
          if (i >= s.length) i--;
          seenSpace = true;
          hasTime = true;
          break;
        }
        break loop;
      default:
        break loop;
    }
  }
  const kind: TokenKind = hasTime ? (hasDate ? (hasTz ? 'datetime' : 'local-datetime') : 'local-time') : 'local-date';
  return { token: s.slice(at, i), kind };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function removeUnderscoresInteger(b: string, fail: Fail): string {
  const start = b[0] === '+' || b[0] === '-' ? 1 : 0;
  if (b.length === start) return b;
  if (b[start] === '_') fail('number cannot start with underscore');
  if (b.endsWith('_')) fail('number cannot end with underscore');
  if (!b.includes('_')) return b;
  const first = b.indexOf('_');
  let out = b.slice(0, first);
  let before = false;
  for (let i = first + 1; i < b.length; i++) {
    if (b[i] === '_') {
      if (!before) fail('number must have at least one digit between underscores');
      before = false;
    } else {
      before = true;
      out += b[i];
    }
  }
  return out;
}

/** strconv.ParseInt's error text. */
function parseIntError(text: string, kind: 'syntax' | 'range'): string {
  return `strconv.ParseInt: parsing ${JSON.stringify(text)}: ${kind === 'range' ? 'value out of range' : 'invalid syntax'}`;
}

function parseInt64(text: string, base: 2 | 8 | 10 | 16, what: string, fail: Fail): bigint {
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  const sign = text[0] === '+' || text[0] === '-' ? text[0] : '';
  const body = text.slice(sign.length);
  if (!digits.test(body)) fail(`couldn't parse ${what} number: ${parseIntError(text, 'syntax')}`);
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base];
  let value = BigInt(prefix + body);
  if (sign === '-') value = -value;
  if (value < INT64_MIN || value > INT64_MAX) fail(`couldn't parse ${what} number: ${parseIntError(text, 'range')}`);
  return value;
}

export function parseTomlInteger(b: string, fail: Fail): bigint {
  if (b.length > 2 && b[0] === '0') {
    const base = ({ x: 16, o: 8, b: 2 } as const)[b[1] as 'x' | 'o' | 'b'];
    const what = ({ 16: 'hexadecimal', 8: 'octal', 2: 'binary' } as const)[base];
    return parseInt64(removeUnderscoresInteger(b.slice(2), fail), base, what, fail);
  }
  const cleaned = removeUnderscoresInteger(b, fail);
  const start = cleaned[0] === '+' || cleaned[0] === '-' ? 1 : 0;
  if (cleaned.length > start + 1 && cleaned[start] === '0') fail('leading zero not allowed on decimal number');
  return parseInt64(cleaned, 10, 'decimal', fail);
}

export function parseTomlFloat(b: string, fail: Fail): number {
  if (b === '+nan' || b === '-nan' || b === 'nan') return Number.NaN;
  if (/^[+-]?inf$/.test(b)) return b[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (b[0] === '_') fail('number cannot start with underscore');
  if (b.endsWith('_')) fail('number cannot end with underscore');
  let cleaned = '';
  let before = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as string;
    if (c === '_') {
      if (!before) fail('number must have at least one digit between underscores');
      if (b[i + 1] === 'e' || b[i + 1] === 'E') fail('cannot have underscore before exponent');
      before = false;
    } else if (c === '+' || c === '-') {
      cleaned += c;
      before = false;
    } else if (c === 'e' || c === 'E') {
      if (b[i + 1] === '_') fail('cannot have underscore after exponent');
      cleaned += c;
    } else if (c === '.') {
      if (b[i + 1] === '_') fail('cannot have underscore after decimal point');
      if (i > 0 && b[i - 1] === '_') fail('cannot have underscore before decimal point');
      cleaned += c;
    } else {
      before = true;
      cleaned += c;
    }
  }
  if (cleaned[0] === '.') fail('float cannot start with a dot');
  if (cleaned.endsWith('.')) fail('float cannot end with a dot');
  let dot = false;
  for (let i = 0; i < cleaned.length; i++) {
    if (cleaned[i] !== '.') continue;
    if (dot) fail('float can have at most one decimal point');
    if (!isDigit(cleaned[i - 1])) fail('float decimal point must be preceded by a digit');
    if (!isDigit(cleaned[i + 1])) fail('float decimal point must be followed by a digit');
    dot = true;
  }
  const start = cleaned[0] === '+' || cleaned[0] === '-' ? 1 : 0;
  if (cleaned[start] === '0' && isDigit(cleaned[start + 1])) fail('float integer part cannot have leading zeroes');
  if (!/^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(cleaned)) {
    fail(`unable to parse float: strconv.ParseFloat: parsing ${JSON.stringify(cleaned)}: invalid syntax`);
  }
  const value = Number(cleaned);
  if (!Number.isFinite(value)) {
    fail(`unable to parse float: strconv.ParseFloat: parsing ${JSON.stringify(cleaned)}: value out of range`);
  }
  return value;
}

function digits(b: string, fail: Fail): number {
  if (!/^[0-9]+$/.test(b)) fail('expected digit (0-9)');
  return Number(b);
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

function localDate(b: string, fail: Fail): TomlLocalDate {
  if (b.length !== 10 || b[4] !== '-' || b[7] !== '-') fail('dates are expected to have the format YYYY-MM-DD');
  const date = new TomlLocalDate(
    digits(b.slice(0, 4), fail),
    digits(b.slice(5, 7), fail),
    digits(b.slice(8, 10), fail),
  );
  if (!isValidDate(date.year, date.month, date.day)) fail('impossible date');
  return date;
}

function localTime(b: string, fail: Fail): [TomlLocalTime, string] {
  if (b.length < 8) fail('times are expected to have the format HH:MM:SS[.NNNNNN]');
  const hour = digits(b.slice(0, 2), fail);
  if (hour > 23) fail('hour cannot be greater 23');
  if (b[2] !== ':') fail('expecting colon between hours and minutes');
  const minute = digits(b.slice(3, 5), fail);
  if (minute > 59) fail('minutes cannot be greater 59');
  if (b[5] !== ':') fail('expecting colon between minutes and seconds');
  const second = digits(b.slice(6, 8), fail);
  if (second > 60) fail('seconds cannot be greater 60');
  let rest = b.slice(8);
  if (rest[0] !== '.') return [new TomlLocalTime(hour, minute, second, 0, 0), rest];
  const frac = /^[0-9]*/.exec(rest.slice(1))?.[0] ?? '';
  if (frac === '') fail('need at least one digit after fraction point');
  const kept = frac.slice(0, 9);
  rest = rest.slice(1 + frac.length);
  return [new TomlLocalTime(hour, minute, second, Number(kept.padEnd(9, '0')), kept.length), rest];
}

function localDateTime(b: string, fail: Fail): [TomlLocalDateTime, string] {
  if (b.length < 11) fail('local datetimes are expected to have the format YYYY-MM-DDTHH:MM:SS[.NNNNNNNNN]');
  const date = localDate(b.slice(0, 10), fail);
  if (b[10] !== 'T' && b[10] !== 't' && b[10] !== ' ') fail('datetime separator is expected to be T or a space');
  const [time, rest] = localTime(b.slice(11), fail);
  return [new TomlLocalDateTime(date, time), rest];
}

function offsetDateTime(b: string, fail: Fail): TomlOffsetDateTime {
  const [dt, rest] = localDateTime(b, fail);
  let offset = 0;
  let tail = rest;
  if (rest[0] === 'Z' || rest[0] === 'z') tail = rest.slice(1);
  else {
    if (rest.length !== 6) fail('invalid date-time timezone');
    const direction = rest[0] === '-' ? -1 : rest[0] === '+' ? 1 : fail('invalid timezone offset character');
    if (rest[3] !== ':') fail('expected a : separator');
    const hours = digits(rest.slice(1, 3), fail);
    if (hours > 23) fail('invalid timezone offset hours');
    const minutes = digits(rest.slice(4, 6), fail);
    if (minutes > 59) fail('invalid timezone offset minutes');
    offset = direction * (hours * 60 + minutes);
    tail = '';
  }
  if (tail !== '') fail('extra bytes at the end of the timezone');
  return new TomlOffsetDateTime(dt.date, dt.time, offset);
}

/** The Go value of a scanned token. */
export function tokenValue(token: string, kind: TokenKind, fail: Fail): TomlValue {
  switch (kind) {
    case 'integer':
      return parseTomlInteger(token, fail);
    case 'float':
      return parseTomlFloat(token, fail);
    case 'local-date':
      return localDate(token, fail);
    case 'local-time': {
      const [t, rest] = localTime(token, fail);
      if (rest !== '') fail('extra characters at the end of a local time');
      return t;
    }
    case 'local-datetime': {
      const [dt, rest] = localDateTime(token, fail);
      if (rest !== '') fail('extra characters at the end of a local date time');
      return dt;
    }
    case 'datetime':
      return offsetDateTime(token, fail);
  }
}
