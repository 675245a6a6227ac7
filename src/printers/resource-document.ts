// The documents talosctl prints for a resource: cosi's `{metadata, spec}` with metadata as a hand-built
// node of untagged plain scalars (fixed key order, labels/annotations sorted, empty ones left out), and
// the decoded map `-o json`/`jsonpath` work on (that document read back, plus `node` and `event`).

import { compareGoStrings } from '../gofmt/index.js';
import {
  type GoMap,
  GoTime,
  type GoValue,
  GoYamlError,
  OrderedMapping,
  readBack,
  type UntaggedScalar,
  untagged,
  type YamlFlavour,
} from '../goyaml/index.js';
import { type MachineConfigRepr, machineConfigView } from './machine-config-repr.js';
import type { PrintableMetadata, PrintableResource, WatchEventKind } from './printable.js';

/** `time.Format(time.RFC3339)` of cosi's timestamps: UTC, whole seconds. */
function rfc3339Seconds(date: Date): string {
  if (Number.isNaN(date.getTime())) throw GoYamlError.invalidDate();
  const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return GoTime.fromDate(seconds).toRfc3339Nano();
}

function sortedPairs(map: ReadonlyMap<string, string>): OrderedMapping {
  const keys = [...map.keys()].sort(compareGoStrings);
  return new OrderedMapping(keys.map((key) => [untagged(key), untagged(map.get(key) ?? '')]));
}

/** cosi's Metadata.MarshalYAML node. */
export function metadataMapping(md: PrintableMetadata): OrderedMapping {
  const entries: [UntaggedScalar, unknown][] = [
    [untagged('namespace'), untagged(md.namespace)],
    [untagged('type'), untagged(md.type)],
    [untagged('id'), untagged(md.id)],
    [untagged('version'), untagged(md.version === undefined ? 'undefined' : String(md.version))],
    [untagged('owner'), untagged(md.owner)],
    [untagged('phase'), untagged(md.phase)],
    [untagged('created'), untagged(rfc3339Seconds(md.created))],
    [untagged('updated'), untagged(rfc3339Seconds(md.updated))],
  ];
  if (md.labels.size > 0) entries.push([untagged('labels'), sortedPairs(md.labels)]);
  if (md.annotations.size > 0) entries.push([untagged('annotations'), sortedPairs(md.annotations)]);
  if (md.finalizers.length > 0) entries.push([untagged('finalizers'), md.finalizers.map((f) => untagged(f))]);
  return new OrderedMapping(entries);
}

/** cosi's resource.MarshalYAML value: the struct `{metadata, spec}`. */
export function resourceDocument(resource: PrintableResource): OrderedMapping {
  return new OrderedMapping([
    ['metadata', metadataMapping(resource.metadata)],
    ['spec', resource.spec],
  ]);
}

/**
 * The `map[string]any` talosctl encodes for `-o json` and evaluates `-o jsonpath` against (a MachineConfig's spec
 * re-presented as the talosctl release does, see MachineConfigRepr; default: talosctl v1.13+).
 */
export function resourceGoMap(
  node: string,
  resource: PrintableResource,
  event: WatchEventKind | undefined,
  flavours: { readonly served: YamlFlavour; readonly decodedBy: YamlFlavour },
  machineConfigRepr: MachineConfigRepr = 'raw-unless-annotated',
): GoMap {
  const view = machineConfigView(resource, machineConfigRepr, flavours.served, flavours.decodedBy);
  const decoded = readBack(resourceDocument(view), flavours.served, flavours.decodedBy) as GoMap;
  const extra: [string, GoValue][] = [['node', node]];
  if (event !== undefined) extra.push(['event', event]);
  return decoded.with(extra);
}
