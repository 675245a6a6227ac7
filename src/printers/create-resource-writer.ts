// talosctl's output.NewWriter: the writer for an `-o` value.

import { JsonWriter } from './json-writer.js';
import { JsonPath } from './jsonpath/jsonpath.js';
import { isJsonPathError } from './jsonpath/jsonpath-error.js';
import { JsonPathWriter } from './jsonpath-writer.js';
import { OutputError } from './output-error.js';
import type { ResourceWriter } from './resource-writer.js';
import { TableWriter } from './table-writer.js';
import { type ResourceWriterOptions, resolveWriterOptions } from './writer-options.js';
import { YamlWriter } from './yaml-writer.js';

const JSONPATH_PREFIX = 'jsonpath=';

/**
 * `table` (talosctl's default), `yaml`, `json` or `jsonpath=<template>`. Throws OutputError:
 * `output format "x" is not supported`, or `error parsing jsonpath: <err>`.
 */
export function createResourceWriter(format: string, options: ResourceWriterOptions): ResourceWriter {
  const resolved = resolveWriterOptions(options);
  if (format === 'table') return new TableWriter(resolved);
  if (format === 'yaml') return new YamlWriter(resolved);
  if (format === 'json') return new JsonWriter(resolved);
  if (format.startsWith(JSONPATH_PREFIX)) {
    let path: JsonPath;
    try {
      path = new JsonPath(format.slice(JSONPATH_PREFIX.length), { strictRange: resolved.strictJsonPathRange });
    } catch (err) {
      if (isJsonPathError(err)) throw OutputError.jsonPathParse(err);
      throw err;
    }
    return new JsonPathWriter(resolved, path);
  }
  throw OutputError.unsupportedFormat(format);
}
