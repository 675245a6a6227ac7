// The k8s JSONPath template parser (client-go util/jsonpath/parser.go), with its exact error texts.
// Go's parser is a chain of tail calls; this one is a loop, so long templates cannot exhaust the stack.

import { formatRune, goAtoi, goParseFloat, isAlphaNumeric, isGoDigit } from './go-runes.js';
import { unquoteExtend } from './go-unquote.js';
import { type ArrayParam, type JsonPathNode, type ListNode, listNode } from './jsonpath-ast.js';
import { JsonPathError, JsonPathMessages as M } from './jsonpath-error.js';

const EOF = '';
const TERMINATORS = new Set([' ', '\t', '\r', '\n', EOF, '.', ',', '[', ']', '$', '@', '{', '}']);
const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
// Go's `.` does not match `\n` only; JS's also skips `\r`, U+2028 and U+2029.
const FILTER = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  readonly root = listNode();

  constructor(private readonly input: string) {}

  parse(): ListNode {
    let cur: ListNode | undefined;
    for (;;) {
      if (cur === undefined) {
        const open = this.input.indexOf('{', this.pos);
        if (open < 0) {
          if (this.input.length > this.start)
            this.root.nodes.push({ kind: 'text', text: this.input.slice(this.start) });
          return this.root;
        }
        if (open > this.start) this.root.nodes.push({ kind: 'text', text: this.input.slice(this.start, open) });
        this.pos = open + 1;
        this.consumeText();
        cur = listNode();
        this.root.nodes.push(cur);
      } else if (this.input.startsWith('}', this.pos)) {
        this.pos += 1;
        this.consumeText();
        cur = undefined;
      } else {
        this.insideAction(cur);
      }
    }
  }

  /** One step inside an action: a token is appended to `cur` (or skipped). */
  private insideAction(cur: ListNode): void {
    if (this.input.startsWith('[?(', this.pos)) {
      this.parseFilter(cur);
      return;
    }
    if (this.input.startsWith('..', this.pos)) {
      this.parseRecursive(cur);
      return;
    }
    const r = this.next();
    if (r === EOF || r === '\r' || r === '\n') throw JsonPathError.parse(M.unclosedAction);
    if (r === ' ' || r === '@' || r === '$') {
      this.consumeText();
    } else if (r === '[') {
      this.parseArray(cur);
    } else if (r === '"' || r === "'") {
      this.parseQuote(cur, r);
    } else if (r === '.') {
      this.parseField(cur);
    } else if (r === '+' || r === '-' || isGoDigit(r)) {
      this.backup();
      this.parseNumber(cur);
    } else if (isAlphaNumeric(r)) {
      this.backup();
      this.parseIdentifier(cur);
    } else {
      throw JsonPathError.parse(M.unrecognizedCharacter(formatRune(r)));
    }
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const ch = String.fromCodePoint(cp);
    this.width = ch.length;
    this.pos += this.width;
    return ch;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      if (TERMINATORS.has(this.next())) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ kind: 'bool', value: value === 'true' });
    else cur.nodes.push({ kind: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes[cur.nodes.length - 1]?.kind === 'recursive') throw JsonPathError.parse(M.multipleRecursiveDescent);
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ kind: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const sign = this.peek();
    if (sign === '+' || sign === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isGoDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const int = goAtoi(value);
    if (int !== undefined) {
      cur.nodes.push({ kind: 'int', value: int });
      return;
    }
    const float = goParseFloat(value);
    if (float === undefined) throw JsonPathError.parse(M.cannotParseNumber(value));
    cur.nodes.push({ kind: 'float', value: float });
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw JsonPathError.parse(M.unterminatedArray);
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      const nodes = parts.map((part) => parseAction(`[${part.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ kind: 'union', nodes });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key !== null) {
      cur.nodes.push(...parseAction(`.${key[1] ?? ''}`).nodes);
      return;
    }
    const slice = SLICE.exec(text);
    if (slice === null) throw JsonPathError.parse(M.invalidArrayIndex(text));
    cur.nodes.push({ kind: 'array', params: sliceParams([slice[1] ?? '', slice[2] ?? '', slice[3] ?? '']) });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw JsonPathError.parse(M.unterminatedFilter);
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
        } else if (this.input[this.pos - 2] !== '\\' && r === pair) {
          end = true;
        }
      } else if (r === ')' && begin === end) {
        break;
      }
    }
    if (this.next() !== ']') throw JsonPathError.parse(M.unclosedArrayExpectBracket);
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (m === null) {
      cur.nodes.push({ kind: 'filter', left: parseAction(text), right: listNode(), operator: 'exists' });
    } else {
      const left = parseAction(m[1] ?? '');
      const right = parseAction(m[3] ?? '');
      cur.nodes.push({ kind: 'filter', left, right, operator: m[2] ?? '' });
    }
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw JsonPathError.parse(M.unterminatedQuotedString);
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const text = unquoteExtend(value);
    if (text === undefined) throw JsonPathError.parse(M.unquoteError(value));
    cur.nodes.push({ kind: 'text', text });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (TERMINATORS.has(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ kind: 'wildcard' });
    else cur.nodes.push({ kind: 'field', name: value.replaceAll('\\', '') });
  }
}

function sliceParams(groups: readonly [string, string, string]): [ArrayParam, ArrayParam, ArrayParam] {
  const params: ArrayParam[] = [];
  for (let i = 0; i < 3; i++) {
    let text = groups[i] as string;
    if (text !== '') {
      if (i > 0) text = text.slice(1);
      if (i > 0 && text === '') {
        params.push({ value: 0n, known: false, derived: false });
        continue;
      }
      const value = goAtoi(text);
      if (value === undefined) throw JsonPathError.parse(M.arrayIndexNotNumber(text));
      params.push({ value, known: true, derived: false });
    } else if (i === 1) {
      params.push({ value: (params[0]?.value ?? 0n) + 1n, known: true, derived: true });
    } else {
      params.push({ value: 0n, known: false, derived: false });
    }
  }
  return params as [ArrayParam, ArrayParam, ArrayParam];
}

/** client-go's parseAction: parses `{text}` and returns its action list. */
function parseAction(text: string): ListNode {
  const first = new Parser(`{${text}}`).parse().nodes[0];
  return first !== undefined && first.kind === 'list' ? first : listNode();
}

/** Parses a template; throws a JsonPathError of kind 'parse' with the Go parser's message. */
export function parseJsonPathTemplate(template: string): ListNode {
  return new Parser(template).parse();
}

export type { JsonPathNode };
