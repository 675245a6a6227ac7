import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createResourceWriter,
  isJsonPathError,
  isJsonPathParseError,
  isOutputError,
  JsonPath,
  type OutputError,
} from '../../src/printers/index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);

function parseError(template: string): string {
  try {
    new JsonPath(template);
  } catch (err) {
    if (isJsonPathParseError(err)) return err.message;
    throw err;
  }
  return '(parsed)';
}

function factoryError(format: string): OutputError {
  try {
    createResourceWriter(format, { out: () => {} });
  } catch (err) {
    if (isOutputError(err)) return err;
    throw err;
  }
  throw new Error('expected an OutputError');
}

describe('JSONPath parse errors (spec §8.4)', () => {
  it.each([
    ['{.metadata.id', 'unclosed action'],
    ['{.a\n}', 'unclosed action'],
    ['{.a\r}', 'unclosed action'],
    ['{*}', "unrecognized character in action: U+002A '*'"],
    ['{.a\t}', 'unrecognized character in action: U+0009'],
    ['{+12.3.0}', 'cannot parse number +12.3.0'],
    ['{[1}', 'unterminated array'],
    ['{.a[x]}', 'invalid array index x'],
    ['{.a["x"]}', 'invalid array index "x"'],
    ['{.a[1.5]}', 'invalid array index 1.5'],
    ['{.a[99999999999999999999]}', 'array index 99999999999999999999 is not a number'],
    ['{.a[-]}', 'array index - is not a number'],
    ['{[?(.price]}', 'unterminated filter'],
    ['{[?(@.a)x]}', 'unclosed array expect ]'],
    ['{"abc}', 'unterminated quoted string'],
    ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
    ["{'a\\\"'}", `unquote string 'a\\"' error invalid syntax`],
    ['{........}', 'invalid multiple recursive descent'],
    ['{.a[1,x]}', 'invalid array index x'],
  ])('%j → %s', (template, message) => {
    expect(parseError(template)).toBe(message);
  });

  it.each([
    '{.a}{end}',
    '{hello}',
    '{}',
    '{@}',
    '{$}',
    'no braces',
    '{.a[]}',
    '{..}',
    '{...a}',
    '{.labels.talos\\.dev/owned}',
  ])('%j parses (failures, if any, come at run time)', (template) => {
    expect(parseError(template)).toBe('(parsed)');
  });

  it('names the output format and the jsonpath problem like talosctl', () => {
    expect(factoryError('xml').message).toBe('output format "xml" is not supported');
    expect(factoryError('jsonpath').message).toBe('output format "jsonpath" is not supported');
    expect(factoryError('a"b\tc').message).toBe('output format "a\\"b\\tc" is not supported');
    const parse = factoryError('jsonpath={.a');
    expect(parse.kind).toBe('jsonpath-parse');
    expect(parse.message).toBe('error parsing jsonpath: unclosed action');
  });

  it('never throws anything but its typed error, on any input', () => {
    const alphabet = fc.constantFrom(
      ...'{}[]()?@$.,:*\'"\\=!<>-+0123456789 \t\nabcé😀'.split(''),
      'range',
      'end',
      '..',
      '[?(',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (template) => {
          try {
            new JsonPath(template);
          } catch (err) {
            expect(isJsonPathParseError(err)).toBe(true);
          }
        },
      ),
      { numRuns },
    );
  });

  it('never throws anything but typed errors when evaluating parsed templates', () => {
    const alphabet = fc.constantFrom(
      '{',
      '}',
      '.a',
      '.b',
      '[*]',
      '[0]',
      '[-1]',
      '[1:]',
      '..',
      'range',
      ' ',
      'end',
      '@',
      '[?(@.a)]',
      '[?(@.a==1)]',
      '"x"',
      '1',
    );
    const data = new JsonPath('{}').findResults(null);
    expect(data).toEqual([[expect.anything()]]);
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 16 }).map((a) => a.join('')),
        (template) => {
          let path: JsonPath;
          try {
            path = new JsonPath(template);
          } catch (err) {
            expect(isJsonPathError(err)).toBe(true);
            return;
          }
          for (const input of [null, 'str', 5n]) {
            try {
              path.findResults(input);
            } catch (err) {
              expect(isJsonPathError(err)).toBe(true);
            }
          }
        },
      ),
      { numRuns },
    );
  });
});
