// Go's encoding/json for the values go-yaml decodes (`json.Marshal`, `json.MarshalIndent`, and an Encoder with
// SetIndent): map keys sorted by bytes, HTML-safe escapes (`\u003c` `\u003e` `\u0026`), `\u2028`/`\u2029`,
// `-0` for negative zero, NaN/±Inf refused, times as RFC 3339 strings.

import { compareGoStrings } from '../gofmt/index.js';
import { formatFloat, GoMap, GoTime, type GoValue } from '../goyaml/index.js';
import { GoJsonError } from './go-json-error.js';

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters Go escapes
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029]|[\ud800-\udfff]/g;

function escapeChar(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  const cp = ch.charCodeAt(0);
  // lone surrogates have no UTF-8 form; Go writes invalid UTF-8 as U+FFFD
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  return `\\u${cp.toString(16).padStart(4, '0')}`;
}

export function goJsonString(text: string): string {
  const escaped = text.replace(NEEDS_ESCAPE, (ch, offset: number) => {
    const cp = ch.charCodeAt(0);
    // keep well-formed surrogate pairs
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = text.charCodeAt(offset + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return ch;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      const prev = text.charCodeAt(offset - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) return ch;
    }
    return escapeChar(ch);
  });
  return `"${escaped}"`;
}

function goJsonNumber(f: number): string {
  if (!Number.isFinite(f)) throw GoJsonError.unsupportedValue(formatFloat(f));
  if (Object.is(f, -0)) return '-0';
  // Go switches to exponent form below 1e-6 and from 1e21 with the shortest digits, exactly like JS
  return String(f);
}

function goJsonTime(t: GoTime): string {
  if (t.year < 0 || t.year > 9999) throw GoJsonError.timeOutOfRange();
  return `"${t.toRfc3339Nano()}"`;
}

function encodeValue(value: GoValue, indent: string | undefined, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      return goJsonNumber(value);
    case 'string':
      return goJsonString(value);
    default:
      break;
  }
  if (value instanceof GoTime) return goJsonTime(value);
  const open = indent === undefined ? '' : `\n${indent.repeat(depth + 1)}`;
  const close = indent === undefined ? '' : `\n${indent.repeat(depth)}`;
  const comma = indent === undefined ? ',' : `,\n${indent.repeat(depth + 1)}`;
  const colon = indent === undefined ? ':' : ': ';
  if (value instanceof GoMap) {
    if (!value.hasStringKeys) throw GoJsonError.unsupportedType(value.goTypeName);
    if (value.size === 0) return '{}';
    const keys = [...value.keys()].sort(compareGoStrings);
    const members = keys.map((key) => {
      const found = value.lookup(key);
      const item = found.found ? found.value : null;
      return `${goJsonString(key)}${colon}${encodeValue(item, indent, depth + 1)}`;
    });
    return `{${open}${members.join(comma)}${close}}`;
  }
  const items = value as readonly GoValue[];
  if (items.length === 0) return '[]';
  return `[${open}${items.map((item) => encodeValue(item, indent, depth + 1)).join(comma)}${close}]`;
}

/** `json.Marshal(v)`: compact. */
export function marshalGoJson(value: GoValue): string {
  return encodeValue(value, undefined, 0);
}

/** `json.MarshalIndent(v, "", indent)`: no trailing newline (an Encoder adds one). */
export function marshalGoJsonIndent(value: GoValue, indent: string): string {
  return encodeValue(value, indent, 0);
}
