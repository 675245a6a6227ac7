// The step evaluators of client-go's JSONPath (jsonpath.go walk/eval*), on decoded Go values. Map iteration
// (`*`, `..`) uses sorted keys where Go's order is random. Range bookkeeping lives in JsonPath.
import { GoMap, GoTime } from '../../goyaml/index.js';
import { EvalFailure } from './eval-failure.js';
import type { ArrayParam, JsonPathNode, ListNode } from './jsonpath-ast.js';
import { goCompare } from './jsonpath-compare.js';
import { JsonPathMessages as M } from './jsonpath-error.js';
import {
  goFormat,
  goTypeName,
  isGoList,
  type JsonPathValue,
  mapValues,
  NO_VALUE,
  stringBytes,
} from './jsonpath-value.js';

/** The range counters shared by all steps of one JsonPath (Go keeps them on the JSONPath object). */
export interface RangeCounters {
  beginRange: number;
  inRange: number;
  endRange: number;
}

type Params = readonly [ArrayParam, ArrayParam, ArrayParam];

export class StepEvaluator {
  constructor(
    private readonly allowMissingKeys: boolean,
    private readonly counters: RangeCounters,
  ) {}

  /** Evaluates one step; throws EvalFailure carrying what Go returns next to its error. */
  walk(input: readonly JsonPathValue[], node: JsonPathNode): JsonPathValue[] {
    switch (node.kind) {
      case 'list':
        return this.list(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.field(input, node.name);
      case 'array':
        return this.array(input, node.params);
      case 'filter':
        return this.filter(input, node.left, node.right, node.operator);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((value) => children(value));
      case 'recursive':
        return recursive(input);
      case 'union':
        return this.union(input, node.nodes);
      case 'identifier':
        return this.identifier(input, node.name);
    }
  }

  list(input: readonly JsonPathValue[], node: ListNode): JsonPathValue[] {
    let current = [...input];
    for (const step of node.nodes) current = this.walk(current, step);
    return current;
  }

  private union(input: readonly JsonPathValue[], parts: readonly ListNode[]): JsonPathValue[] {
    const results: JsonPathValue[] = [];
    for (const part of parts) {
      try {
        results.push(...this.list(input, part));
      } catch (err) {
        throw err instanceof EvalFailure ? new EvalFailure(err.message, input) : err;
      }
    }
    return results;
  }

  private identifier(input: readonly JsonPathValue[], name: string): JsonPathValue[] {
    if (name === 'range') {
      this.counters.beginRange++;
      return [...input];
    }
    if (name === 'end') {
      if (this.counters.inRange <= 0) throw new EvalFailure(M.notInRange, []);
      this.counters.endRange++;
      return [];
    }
    throw new EvalFailure(M.unrecognizedIdentifier(name), input);
  }

  private field(input: readonly JsonPathValue[], name: string): JsonPathValue[] {
    if (input.length === 0) return [];
    const results: JsonPathValue[] = [];
    for (const value of input) {
      // nil is skipped; other values have no fields (time.Time's are unexported: Go would panic printing them)
      if (!(value instanceof GoMap)) continue;
      const found = value.lookup(name);
      if (found.found) results.push(found.value);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new EvalFailure(M.notFound(name), []);
    return results;
  }

  private array(input: readonly JsonPathValue[], params: Params): JsonPathValue[] {
    const results: JsonPathValue[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (value === NO_VALUE) throw new EvalFailure(M.zeroValueType, input);
      if (!isGoList(value)) throw new EvalFailure(M.notArray(goTypeName(value)), input);
      const length = BigInt(value.length);
      let start = params[0].known ? params[0].value : 0n;
      if (start < 0n) start += length;
      let end = params[1].known ? params[1].value : length;
      if (end < 0n || (end === 0n && params[1].derived)) end += length;
      // asking for zero elements ends the whole step
      if (end === start) return results;
      if (start >= length || start < 0n) throw new EvalFailure(M.indexOutOfBounds(start, value.length), input);
      if (end > length || end < 0n) throw new EvalFailure(M.indexOutOfBounds(end - 1n, value.length), input);
      if (start > end) throw new EvalFailure(M.startAfterEnd(start, end), input);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0n) throw new EvalFailure(M.stepNotPositive, input);
        step = params[2].value > length ? value.length + 1 : Number(params[2].value);
      }
      const slice = value.slice(Number(start), Number(end));
      for (let i = 0; i < slice.length; i += step) results.push(slice[i] ?? null);
    }
    return results;
  }

  private filter(input: readonly JsonPathValue[], left: ListNode, right: ListNode, operator: string): JsonPathValue[] {
    const results: JsonPathValue[] = [];
    for (const value of input) {
      if (!isGoList(value)) throw new EvalFailure(M.notFilterable(goFormat(value)), input);
      for (const item of value) {
        if (operator === 'exists') {
          if (this.listOrPartial([item], left).length > 0) results.push(item);
          continue;
        }
        const lefts = this.operand([item], left, input);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalFailure(M.compareOneElement, input);
        const rights = this.operand([item], right, input);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalFailure(M.compareOneElement, input);
        let pass: boolean;
        try {
          pass = goCompare(operator, lefts[0] ?? null, rights[0] ?? null);
        } catch (err) {
          throw err instanceof EvalFailure ? new EvalFailure(err.message, results) : err;
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }

  private operand(item: readonly JsonPathValue[], node: ListNode, input: readonly JsonPathValue[]): JsonPathValue[] {
    try {
      return this.list(item, node);
    } catch (err) {
      throw err instanceof EvalFailure ? new EvalFailure(err.message, input) : err;
    }
  }

  /** An existence test ignores the error and looks at the values Go returned next to it. */
  private listOrPartial(input: readonly JsonPathValue[], node: ListNode): readonly JsonPathValue[] {
    try {
      return this.list(input, node);
    } catch (err) {
      if (err instanceof EvalFailure) return err.partial;
      throw err;
    }
  }
}

/** What `*` yields: map values, list items, the bytes of a string. */
export function children(value: JsonPathValue): JsonPathValue[] {
  if (value instanceof GoMap) return mapValues(value);
  if (isGoList(value)) return [...value];
  if (typeof value === 'string') return stringBytes(value);
  return [];
}

/**
 * `..`: depth-first, every value that has children followed by its descendants that have children. A time
 * is included (Go sees its struct fields) but not entered (its fields are unexported).
 */
function recursive(input: readonly JsonPathValue[]): JsonPathValue[] {
  const results: JsonPathValue[] = [];
  const visit = (values: readonly JsonPathValue[]): void => {
    for (const value of values) {
      const kids = children(value);
      if (kids.length === 0 && !(value instanceof GoTime)) continue;
      results.push(value);
      visit(kids);
    }
  };
  visit(input);
  return results;
}
