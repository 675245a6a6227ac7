// Turning JSONPath results into text, the two ways talosctl does it: `-o jsonpath` prints every result on its
// own line (talosctl's printResult), table columns use client-go's Execute (results of one template
// element joined by spaces, collections as compact JSON, nil as `null`).
import { GoMap, GoTime, type GoValue } from '../../goyaml/index.js';
import { marshalGoJson, marshalGoJsonIndent } from '../go-json.js';
import type { JsonPathResults } from './jsonpath.js';
import { goFormat, isGoList, type JsonPathValue, NO_VALUE } from './jsonpath-value.js';

/** Maps, lists and structs (a time is a struct) print as JSON, everything else as text. */
function printsAsJson(value: JsonPathValue): value is GoValue {
  return value instanceof GoMap || value instanceof GoTime || isGoList(value);
}

/**
 * talosctl's printResult for one result, without the trailing newline: collections as indented JSON,
 * nil as `<nil>`, other scalars with `%v`. Throws GoJsonError when JSON refuses the value.
 */
export function formatTalosctlResult(value: JsonPathValue): string {
  if (printsAsJson(value)) return marshalGoJsonIndent(value, '    ');
  if (value === NO_VALUE) return '<no value>';
  return goFormat(value);
}

/** client-go's PrintResults for one result list (no JSON mode). Throws GoJsonError. */
export function formatExecuteGroup(group: readonly JsonPathValue[]): string {
  return group
    .map((value) => {
      if (printsAsJson(value)) return marshalGoJson(value);
      if (value === NO_VALUE) return '<no value>';
      if (value === null) return 'null';
      return goFormat(value);
    })
    .join(' ');
}

/** client-go's Execute output for all results of a template. */
export function formatExecute(results: JsonPathResults): string {
  return results.map(formatExecuteGroup).join('');
}
