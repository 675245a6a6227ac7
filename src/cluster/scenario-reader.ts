// Checks a scenario value key by key and reports the first problem as a ScenarioError naming the file, line and key.
// Unknown keys, wrong types and empty lists where something is required are errors, never silently ignored.
import { goQuote } from '../gofmt/index.js';
import type { Located, ValuePath } from './located-yaml.js';
import { ScenarioError } from './scenario-error.js';

/** Formats a path as users read it: `nodes[1].talos`, `images[0].inline.files["/usr/bin/x"].mode`. */
export function formatPath(path: ValuePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${goQuote(shortened(part))}]`;
  }
  return out;
}

/** A cursor over the scenario value: reads typed values at paths and fails with located errors. */
export class ScenarioReader {
  constructor(
    readonly located: Located,
    readonly file: string | undefined,
  ) {}

  fail(path: ValuePath, reason: string, cause?: Error): never {
    throw new ScenarioError({
      file: this.file,
      line: this.line(path),
      key: formatPath(path),
      reason,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  /** The line of `path`, or of its nearest located parent. */
  line(path: ValuePath): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const line = this.located.line(path.slice(0, n));
      if (line !== undefined) return line;
    }
    return undefined;
  }

  at(path: ValuePath): unknown {
    let value: unknown = this.located.value;
    for (const part of path) {
      if (value === null || typeof value !== 'object') return undefined;
      // YAML gives own keys only (a `__proto__` key included); a scenario object from code may inherit its values
      if (this.located.ownKeysOnly === true && !Object.hasOwn(value, part)) return undefined;
      value = (value as Record<string | number, unknown>)[part];
    }
    return value;
  }

  /** A mapping whose keys must all be among `known`; undefined when absent (or null). */
  mapping(path: ValuePath, known: readonly string[]): Record<string, unknown> | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
      this.fail(path, `expected a mapping, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.fail([...path, key], `unknown key (known: ${known.join(', ')})`);
    }
    return value as Record<string, unknown>;
  }

  list(path: ValuePath): unknown[] | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(path, `expected a list, got ${describe(value)}`);
    return value;
  }

  string(path: ValuePath): string | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(path, `expected a string, got ${describe(value)}`);
    return value;
  }

  boolean(path: ValuePath): boolean | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, got ${describe(value)}`);
    return value;
  }

  requiredString(path: ValuePath): string {
    const value = this.string(path);
    if (value === undefined) this.fail(path, 'required');
    return value;
  }

  strings(path: ValuePath): string[] | undefined {
    const list = this.list(path);
    return list?.map((_, i) => this.requiredString([...path, i]));
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${goQuote(shortened(value))}`;
  return `${typeof value} ${String(value)}`;
}

/** Text echoed in a message: at most 100 characters of it, then how long it was. */
export function shortened(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 100)}… (${text.length} characters)`;
}
