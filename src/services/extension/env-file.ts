// hashicorp/go-envparse, which reads an extension's `environmentFile`: `KEY=value` lines, `export ` prefixes,
// `#` comments, single and double quotes with JSON-style escapes; empty values are skipped; errors name the line.
// Upstream collects a map and ranges over it, so entry order is Go's random map order; talos-sim keeps the order
// of first appearance (the last value of a repeated key wins).
import { DetailedError } from '../../extensions/detailed-error.js';

/** go-envparse's ParseError: the line and the reason. */
export class EnvFileError extends DetailedError<{
  readonly kind: 'parse';
  readonly line: number;
  readonly reason: string;
}> {
  constructor(line: number, reason: string) {
    super('EnvFileError', { kind: 'parse', line, reason }, `error on line ${line}: ${reason}`);
  }
}

function keyError(line: number, reason: string): EnvFileError {
  return new EnvFileError(line, reason);
}

/** Go's %q of a byte (a rune literal): 'x', '\t', '\x00'. */
function quoteByte(b: number): string {
  const ch = String.fromCharCode(b);
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  if (b >= 0x20 && b < 0x7f) return `'${ch}'`;
  const short: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  return `'${short[b] ?? `\\x${b.toString(16).padStart(2, '0')}`}'`;
}

function validKeyRest(b: number): boolean {
  return (
    b === 0x5f ||
    b === 0x2e ||
    b === 0x2f ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x30 && b <= 0x39)
  );
}

function parseLine(raw: string, n: number): [string, string] | undefined {
  const ln = raw.trim();
  if (ln === '' || ln.startsWith('#')) return undefined;
  const eq = ln.indexOf('=');
  if (eq < 0) throw keyError(n, 'missing =');
  let key = ln.slice(0, eq).trim();
  const value = ln.slice(eq + 1).trim();
  if (key.length > 'export '.length && key.startsWith('export ')) key = key.slice('export '.length);
  if (key === '') throw keyError(n, 'empty key');
  const bytes = Buffer.from(key, 'utf8');
  const first = bytes[0] as number;
  if (first < 0x41 || (first > 0x5a && first < 0x61 && first !== 0x5f) || first > 0x7a) {
    throw keyError(n, `key must start with [A-Za-z_] but found ${quoteByte(first)}`);
  }
  for (const b of bytes.subarray(1)) {
    if (!validKeyRest(b)) throw keyError(n, `key characters must be [A-Za-z0-9/_.] but found ${quoteByte(b)}`);
  }
  return [key, parseValue(value, n)];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  r: '\r',
  n: '\n',
  t: '\t',
};

function hex4(s: string, at: number, n: number): number {
  if (s.length < at + 4) throw keyError(n, 'incomplete hex sequence');
  const h = s.slice(at, at + 4);
  const bad = [...h].find((c) => !/[0-9a-fA-F]/.test(c));
  if (bad !== undefined) throw keyError(n, `invalid hex character: ${JSON.stringify(bad)}`);
  return Number.parseInt(h, 16);
}

function parseValue(value: string, n: number): string {
  let out = '';
  let lastSig = 0;
  let mode: 'normal' | 'double' | 'single' | 'escape' = 'normal';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const code = c.charCodeAt(0);
    if (code < 32) throw keyError(n, `0x${code.toString(16).padStart(2, '0')} is an invalid value character`);
    if (code > 127) {
      if (mode === 'escape') throw keyError(n, 'multibyte characters disallowed in escape sequences');
      out += c;
      lastSig = out.length;
      continue;
    }
    if (mode === 'normal') {
      if (c === '"') mode = 'double';
      else if (c === "'") mode = 'single';
      else if (c === '#') return out.slice(0, lastSig);
      else {
        out += c;
        if (c !== ' ' && c !== '\t') lastSig = out.length;
      }
    } else if (mode === 'double') {
      if (c === '"') mode = 'normal';
      else if (c === '\\') mode = 'escape';
      else {
        out += c;
        lastSig = out.length;
      }
    } else if (mode === 'single') {
      if (c === "'") mode = 'normal';
      else {
        out += c;
        lastSig = out.length;
      }
    } else {
      if (c === 'u') {
        let r = hex4(value, i + 1, n);
        i += 4;
        if (r >= 0xd800 && r < 0xe000) {
          if (value.length < i + 7 || value[i + 1] !== '\\' || value[i + 2] !== 'u') {
            throw keyError(n, 'incomplete Unicode surrogate pair');
          }
          const r2 = hex4(value, i + 3, n);
          i += 6;
          r = r < 0xdc00 && r2 >= 0xdc00 && r2 < 0xe000 ? 0x10000 + ((r - 0xd800) << 10) + (r2 - 0xdc00) : 0xfffd;
        }
        out += String.fromCodePoint(r);
      } else {
        const e = ESCAPES[c];
        if (e === undefined) throw keyError(n, `invalid escape sequence: ${JSON.stringify(c)}`);
        out += e;
      }
      lastSig = out.length;
      mode = 'double';
    }
  }
  if (mode === 'double') throw keyError(n, 'unmatched "');
  if (mode === 'single') throw keyError(n, "unmatched '");
  if (mode === 'escape') throw keyError(n, 'incomplete escape sequence');
  return out;
}

/** The file's entries as `KEY=value`, in order of first appearance; throws EnvFileError with go-envparse's text. */
export function parseEnvFile(text: string): string[] {
  const values = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const kv = parseLine(raw.replace(/\r$/, ''), i + 1);
    if (kv !== undefined && kv[1] !== '') values.set(kv[0], kv[1]);
  });
  return [...values].map(([k, v]) => `${k}=${v}`);
}
