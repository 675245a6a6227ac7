// `-o jsonpath=<template>` (talosctl output/jsonpath.go): the template, parsed once, runs against each
// resource's decoded map; every single result is printed on its own line. An evaluation error prints
// nothing for that resource and is thrown for the caller to collect.
import { isGoJsonError } from './go-json-error.js';
import type { JsonPath, JsonPathResults } from './jsonpath/jsonpath.js';
import { isJsonPathError } from './jsonpath/jsonpath-error.js';
import { formatTalosctlResult } from './jsonpath/jsonpath-print.js';
import { OutputError } from './output-error.js';
import type { PrintableDefinition, PrintableResource, WatchEventKind } from './printable.js';
import { resourceGoMap } from './resource-document.js';
import type { ResourceWriter } from './resource-writer.js';
import type { ResolvedWriterOptions } from './writer-options.js';

export class JsonPathWriter implements ResourceWriter {
  private withEvents = false;

  constructor(
    private readonly options: ResolvedWriterOptions,
    private readonly path: JsonPath,
  ) {}

  writeHeader(_definition: PrintableDefinition, withEvents: boolean): void {
    this.withEvents = withEvents;
  }

  writeResource(node: string, resource: PrintableResource, event: WatchEventKind = 'created'): void {
    const data = resourceGoMap(
      node,
      resource,
      this.withEvents ? event : undefined,
      { served: this.options.nodeFlavour(node), decodedBy: this.options.flavour },
      this.options.machineConfigRepr,
    );
    let results: JsonPathResults;
    try {
      results = this.path.findResults(data);
    } catch (err) {
      if (isJsonPathError(err)) throw OutputError.jsonPathResult(err);
      throw err;
    }
    for (const group of results) {
      for (const result of group) {
        let text: string;
        try {
          text = formatTalosctlResult(result);
        } catch (err) {
          if (isGoJsonError(err)) throw OutputError.jsonPathPrint(err);
          throw err;
        }
        this.options.out(`${text}\n`);
      }
    }
  }

  markBootstrapped(): void {}

  flush(): void {}
}
