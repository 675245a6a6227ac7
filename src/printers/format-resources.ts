// talosctl's printers for library use: what `talosctl get` prints for a list of resources, as a string, so a test
// can assert byte-exact output without running the CLI. The type (a resource type object, or a definition as
// `node.definition()` gives it) decides the table's TYPE and extra columns.
import { fillResourceDefinition, type ResourceType } from '../cosi/index.js';
import type { YamlFlavour } from '../goyaml/index.js';
import { createResourceWriter } from './create-resource-writer.js';
import type { PrintableDefinition, PrintableResource } from './printable.js';

export interface FormatResourcesOptions {
  /** The NODE column / `node:` key. Default `172.20.0.2`; or one per resource with `{ node, resource }` items. */
  readonly node?: string;
  /** go-yaml flavour of the talosctl release printed as (see TalosVersionFacts.goYaml). Default `rc6`. */
  readonly flavour?: YamlFlavour;
}

/** A resource with the node it came from. */
export interface NodeResource {
  readonly node: string;
  readonly resource: PrintableResource;
}

/**
 * The output of `talosctl get` for these resources in `format` (`table`, `yaml`, `json` or `jsonpath=<template>`).
 * Throws OutputError for an unknown format, a template that does not parse, or a JSONPath result that is missing.
 */
export function formatResources(
  type: PrintableDefinition | ResourceType<unknown>,
  resources: readonly (PrintableResource | NodeResource)[],
  format: string,
  options: FormatResourcesOptions = {},
): string {
  let text = '';
  const writer = createResourceWriter(format, {
    out: (chunk) => {
      text += chunk;
    },
    ...(options.flavour ? { flavour: options.flavour } : {}),
  });
  writer.writeHeader('definition' in type ? fillResourceDefinition(type.definition) : type, false);
  for (const item of resources) {
    if ('resource' in item) writer.writeResource(item.node, item.resource);
    else writer.writeResource(options.node ?? '172.20.0.2', item);
  }
  writer.flush();
  return text;
}
