// `-o table` (talosctl output/table.go): NODE, [*], NAMESPACE, TYPE, ID, VERSION and the RD's print columns,
// aligned by Go's tabwriter; column values come from the spec read back from YAML with missing keys allowed.

import { TabWriter } from '../gofmt/index.js';
import { type GoValue, readBack } from '../goyaml/index.js';
import { isGoJsonError } from './go-json-error.js';
import { JsonPath } from './jsonpath/jsonpath.js';
import { isJsonPathError } from './jsonpath/jsonpath-error.js';
import { formatExecute } from './jsonpath/jsonpath-print.js';
import { OutputError } from './output-error.js';
import type { PrintableDefinition, PrintableResource, WatchEventKind } from './printable.js';
import type { ResourceWriter } from './resource-writer.js';
import type { ResolvedWriterOptions } from './writer-options.js';

const MARKERS: Readonly<Record<WatchEventKind, string>> = { created: '+', updated: ' ', destroyed: '-' };

/** strings.ToUpper: per character, keeping characters whose upper case is not a single character. */
function goToUpper(text: string): string {
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += [...upper].length === 1 ? upper : ch;
  }
  return out;
}

interface Column {
  readonly name: string;
  readonly path: JsonPath;
}

export class TableWriter implements ResourceWriter {
  private readonly tab: TabWriter;
  private withEvents = false;
  private displayType = '';
  private columns: Column[] = [];
  private bootstrapped: boolean;

  constructor(private readonly options: ResolvedWriterOptions) {
    this.tab = new TabWriter(options.out);
    this.bootstrapped = options.bootstrapped;
  }

  writeHeader(definition: PrintableDefinition, withEvents: boolean): void {
    this.withEvents = withEvents;
    this.displayType = definition.displayType;
    const fields = ['NODE', ...(withEvents ? ['*'] : []), 'NAMESPACE', 'TYPE', 'ID', 'VERSION'];
    for (const column of definition.printColumns) {
      fields.push(goToUpper(column.name));
      this.columns.push({ name: column.name, path: this.parseColumn(column.name, column.jsonPath) });
    }
    this.tab.write(`${fields.join('\t')}\n`);
  }

  writeResource(node: string, resource: PrintableResource, event: WatchEventKind = 'created'): void {
    const md = resource.metadata;
    const values = [node];
    if (this.withEvents) values.push(MARKERS[event]);
    values.push(md.namespace, this.displayType, md.id, md.version === undefined ? 'undefined' : String(md.version));
    const spec = readBack(resource.spec, this.options.nodeFlavour(node), this.options.flavour);
    for (const column of this.columns) values.push(this.columnValue(column, spec));
    this.tab.write(`${values.join('\t')}\n`);
    if (this.bootstrapped) this.tab.flush();
  }

  markBootstrapped(): void {
    this.tab.flush();
    this.bootstrapped = true;
  }

  flush(): void {
    this.tab.flush();
  }

  private parseColumn(name: string, jsonPath: string): JsonPath {
    try {
      return new JsonPath(jsonPath, { allowMissingKeys: true, strictRange: this.options.strictJsonPathRange });
    } catch (err) {
      if (isJsonPathError(err)) throw OutputError.columnParse(name, err);
      throw err;
    }
  }

  private columnValue(column: Column, spec: GoValue): string {
    try {
      return formatExecute(column.path.findResults(spec));
    } catch (err) {
      if (isJsonPathError(err) || isGoJsonError(err)) throw OutputError.columnEval(err);
      throw err;
    }
  }
}
