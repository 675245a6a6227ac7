// talosctl's `get` printers (table, yaml, json, jsonpath) and the k8s JSONPath engine behind them.

export { createResourceWriter } from './create-resource-writer.js';
export { type FormatResourcesOptions, formatResources, type NodeResource } from './format-resources.js';
export { marshalGoJson, marshalGoJsonIndent } from './go-json.js';
export type { GoJsonErrorKind } from './go-json-error.js';
export { GoJsonError, isGoJsonError } from './go-json-error.js';
export type { JsonPathOptions, JsonPathResults } from './jsonpath/jsonpath.js';
export { JsonPath } from './jsonpath/jsonpath.js';
export type { JsonPathErrorKind } from './jsonpath/jsonpath-error.js';
export {
  isJsonPathError,
  isJsonPathEvalError,
  isJsonPathParseError,
  JsonPathError,
} from './jsonpath/jsonpath-error.js';
export { formatExecute, formatTalosctlResult } from './jsonpath/jsonpath-print.js';
export type { JsonPathValue } from './jsonpath/jsonpath-value.js';
export { GoByte, NO_VALUE } from './jsonpath/jsonpath-value.js';
export { type MachineConfigRepr, machineConfigView } from './machine-config-repr.js';
export type { OutputErrorKind } from './output-error.js';
export { isJsonPathResultError, isOutputError, OutputError } from './output-error.js';
export type {
  PrintableDefinition,
  PrintableMetadata,
  PrintableResource,
  WatchEventKind,
} from './printable.js';
export { metadataMapping, resourceDocument, resourceGoMap } from './resource-document.js';
export type { ResourceWriter } from './resource-writer.js';
export {
  formatServiceActionTable,
  formatServiceInfo,
  formatServiceList,
  goAge,
  healthStatus,
  type NodeService,
  type ServiceActionVerb,
  serviceActionResponse,
} from './service-views.js';
export type { ResourceWriterOptions } from './writer-options.js';
