// The comparisons of a JSONPath filter (client-go's fork of text/template's eq/ne/lt/le/gt/ge): both sides
// strings, both ints (int and uint mix), both floats or both bools; anything else is an error.

import { compareGoStrings } from '../../gofmt/index.js';
import { GoMap, GoTime } from '../../goyaml/index.js';
import { EvalFailure } from './eval-failure.js';
import { JsonPathMessages as M } from './jsonpath-error.js';
import { GoByte, type JsonPathValue } from './jsonpath-value.js';

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string';

type Basic = { readonly kind: Kind; readonly value: bigint | number | boolean | string };

const MAX_INT64 = (1n << 63n) - 1n;

function fail(message: string): EvalFailure {
  return new EvalFailure(message, []);
}

function basic(value: JsonPathValue): Basic {
  if (value instanceof GoByte) return { kind: 'uint', value: BigInt(value.value) };
  if (value === null || typeof value === 'symbol' || value instanceof GoMap || value instanceof GoTime) {
    throw fail(M.invalidComparisonType);
  }
  if (Array.isArray(value)) throw fail(M.invalidComparisonType);
  switch (typeof value) {
    case 'boolean':
      return { kind: 'bool', value };
    case 'bigint':
      return { kind: value > MAX_INT64 ? 'uint' : 'int', value };
    case 'number':
      return { kind: 'float', value };
    case 'string':
      return { kind: 'string', value };
    default:
      throw fail(M.invalidComparisonType);
  }
}

function mixedIntegers(a: Basic, b: Basic): boolean {
  return (a.kind === 'int' && b.kind === 'uint') || (a.kind === 'uint' && b.kind === 'int');
}

export function goEqual(left: JsonPathValue, right: JsonPathValue): boolean {
  const a = basic(left);
  const b = basic(right);
  if (a.kind !== b.kind && !mixedIntegers(a, b)) throw fail(M.incompatibleComparison);
  return a.value === b.value;
}

export function goLess(left: JsonPathValue, right: JsonPathValue): boolean {
  const a = basic(left);
  const b = basic(right);
  if (a.kind !== b.kind && !mixedIntegers(a, b)) throw fail(M.incompatibleComparison);
  if (a.kind === 'bool') throw fail(M.invalidComparisonType);
  if (a.kind === 'string') return compareGoStrings(a.value as string, b.value as string) < 0;
  return (a.value as bigint | number) < (b.value as bigint | number);
}

/** Evaluates `left op right`; throws for an unknown operator or incomparable operands. */
export function goCompare(operator: string, left: JsonPathValue, right: JsonPathValue): boolean {
  switch (operator) {
    case '<':
      return goLess(left, right);
    case '>':
      return !(goLess(left, right) || goEqual(left, right));
    case '==':
      return goEqual(left, right);
    case '!=':
      return !goEqual(left, right);
    case '<=':
      return goLess(left, right) || goEqual(left, right);
    case '>=':
      return !goLess(left, right);
    default:
      throw fail(M.unrecognizedOperator(operator));
  }
}
