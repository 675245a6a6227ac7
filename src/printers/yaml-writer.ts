// `-o yaml` (talosctl output/yaml.go): `---` between resources, `node:` and (watch) `event:` lines, then the
// resource encoded by a fresh go-yaml encoder.
import { encode } from '../goyaml/index.js';
import { machineConfigView } from './machine-config-repr.js';
import type { PrintableDefinition, PrintableResource, WatchEventKind } from './printable.js';
import { resourceDocument } from './resource-document.js';
import type { ResourceWriter } from './resource-writer.js';
import type { ResolvedWriterOptions } from './writer-options.js';

export class YamlWriter implements ResourceWriter {
  private needDashes = false;
  private withEvents = false;

  constructor(private readonly options: ResolvedWriterOptions) {}

  writeHeader(_definition: PrintableDefinition, withEvents: boolean): void {
    this.withEvents = withEvents;
  }

  writeResource(node: string, resource: PrintableResource, event: WatchEventKind = 'created'): void {
    const { flavour, machineConfigRepr } = this.options;
    const served = this.options.nodeFlavour(node);
    const view = machineConfigView(resource, machineConfigRepr, served, flavour);
    const document = encode(resourceDocument(view), served, flavour);
    let text = this.needDashes ? '---\n' : '';
    this.needDashes = true;
    text += `node: ${node}\n`;
    if (this.withEvents) text += `event: ${event}\n`;
    this.options.out(text + document);
  }

  markBootstrapped(): void {}

  flush(): void {}
}
