// A command line split into words as a POSIX shell splits it, without expansions: blanks separate words, single
// quotes keep everything, double quotes keep everything but `\"` and `\\`, a backslash outside quotes escapes the
// next character. `run:` steps of scenarios are written this way (`get extensions -o 'jsonpath={.id}'`).

import { DetailedError } from '../extensions/detailed-error.js';

/** A `run:` command line that does not split (unterminated quote, lone backslash, nothing at all). */
export class CommandLineError extends DetailedError<{
  readonly kind: 'invalid-command-line';
  readonly reason: string;
}> {
  constructor(reason: string) {
    super('CommandLineError', { kind: 'invalid-command-line', reason }, reason);
  }
}

export function isCommandLineError(err: unknown): err is CommandLineError {
  return err instanceof CommandLineError;
}

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new CommandLineError('the command ends with a lone backslash');
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new CommandLineError(`unterminated ${quote === "'" ? 'single' : 'double'} quote`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandLineError('empty command');
  return words;
}
