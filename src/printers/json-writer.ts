// `-o json` (talosctl output/json.go): per resource the decoded `{metadata, spec}` map plus `node` (and
// `event` in watch mode), written by Go's JSON encoder with a 4-space indent; objects are concatenated.

import { marshalGoJsonIndent } from './go-json.js';
import { isGoJsonError } from './go-json-error.js';
import { OutputError } from './output-error.js';
import type { PrintableDefinition, PrintableResource, WatchEventKind } from './printable.js';
import { resourceGoMap } from './resource-document.js';
import type { ResourceWriter } from './resource-writer.js';
import type { ResolvedWriterOptions } from './writer-options.js';

export class JsonWriter implements ResourceWriter {
  private withEvents = false;

  constructor(private readonly options: ResolvedWriterOptions) {}

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
    let text: string;
    try {
      text = marshalGoJsonIndent(data, '    ');
    } catch (err) {
      if (isGoJsonError(err)) throw OutputError.jsonEncode(err);
      throw err;
    }
    this.options.out(`${text}\n`);
  }

  markBootstrapped(): void {}

  flush(): void {}
}
