// The `ExtensionServiceConfig` machine-config document (pkg/machinery/config/types/runtime/extensions): user files
// and environment for one extension service, named after the service without `ext-`. Decoding as the config loader
// does (go-yaml into the Go struct, then unknown keys refused), Validate() with its texts and order, the
// container's per-document prefix and duplicate check, the patch merge (configFiles by mountPath) and the encoding.
import { type Document, isMap, type LineCounter, type Node } from 'yaml';
import { type Decoded, FatalDecode, GoStructDecoder, type StructShape } from '../extensions/services/index.js';
import { goQuote } from '../gofmt/index.js';
import { marshal, type YamlFlavour } from '../goyaml/index.js';
import { MachineConfigError } from './machine-config-error.js';

export const EXTENSION_SERVICE_CONFIG_KIND = 'ExtensionServiceConfig';

export interface ExtensionServiceConfigFile {
  readonly content: string;
  /** Where the file is bind-mounted in the service's container; need not be absolute. */
  readonly mountPath: string;
}

export interface ExtensionServiceConfigDocument {
  readonly apiVersion: 'v1alpha1';
  readonly kind: 'ExtensionServiceConfig';
  /** The service name without `ext-`. */
  readonly name: string;
  readonly configFiles: readonly ExtensionServiceConfigFile[];
  readonly environment: readonly string[];
}

const CONFIG_FILE: StructShape = {
  goType: 'extensions.ConfigFile',
  fields: { content: 'string', mountPath: 'string' },
};
const DOCUMENT: StructShape = {
  goType: 'extensions.ServiceConfigV1Alpha1',
  fields: {
    apiVersion: 'string',
    kind: 'string',
    name: 'string',
    configFiles: { slice: CONFIG_FILE, goType: 'extensions.ConfigFileList' },
    environment: { slice: 'string', goType: '[]string' },
  },
};

export interface DecodeExtensionServiceConfigOptions {
  /** The go-yaml release of the node's Talos version. Default: rc6 (v1.14). */
  readonly flavour?: YamlFlavour;
}

/**
 * Decodes the document's YAML node (as the config loader holds it); throws MachineConfigError whose message is the
 * loader's reason, to be framed as `error decoding document v1alpha1/ExtensionServiceConfig/<name> (line N): …`.
 */
export function decodeExtensionServiceConfigNode(
  doc: Document,
  node: Node,
  lines: LineCounter,
  options: DecodeExtensionServiceConfigOptions = {},
): ExtensionServiceConfigDocument {
  const flavour = options.flavour ?? 'rc6';
  const decoder = new GoStructDecoder(doc, lines, flavour);
  let value: Decoded | undefined;
  try {
    value = decoder.decode(node, DOCUMENT);
  } catch (err) {
    if (err instanceof FatalDecode) throw typeError(err.message);
    throw err;
  }
  const collected = decoder.errorText();
  if (collected !== undefined) throw typeError(collected);
  const unknown = isMap(node) ? unknownKeys(node.toJSON() as Record<string, unknown>) : undefined;
  if (unknown !== undefined) {
    throw MachineConfigError.load(`unknown keys found during decoding:\n${marshal(unknown, flavour)}`);
  }
  return fromDecoded(obj(value));
}

/**
 * Builds the document from an already parsed mapping (a KindDocument's `value`): scalars become their text as
 * go-yaml stores them in string fields, null leaves a field empty; wrong shapes and unknown keys are refused.
 */
export function decodeExtensionServiceConfig(
  value: unknown,
  options: DecodeExtensionServiceConfigOptions = {},
): ExtensionServiceConfigDocument {
  const flavour = options.flavour ?? 'rc6';
  if (!isRecord(value)) throw typeError(typeProblem(value, 'extensions.ServiceConfigV1Alpha1', flavour));
  const problems: string[] = [];
  const text = (v: unknown, goType = 'string'): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
      return String(v);
    }
    problems.push(typeProblem(v, goType, flavour));
    return '';
  };
  const list = (v: unknown, goType: string): unknown[] => {
    if (v === null || v === undefined) return [];
    if (Array.isArray(v)) return v;
    problems.push(typeProblem(v, goType, flavour));
    return [];
  };
  const configFiles = list(value.configFiles, 'extensions.ConfigFileList').map((f) => {
    if (!isRecord(f)) {
      if (f !== null && f !== undefined) problems.push(typeProblem(f, 'extensions.ConfigFile', flavour));
      return { content: '', mountPath: '' };
    }
    return { content: text(f.content), mountPath: text(f.mountPath) };
  });
  const environment = list(value.environment, '[]string').map((e) => text(e));
  const doc = { name: text(value.name), configFiles, environment };
  if (problems.length > 0) throw typeError(errorsText(problems, flavour));
  const unknown = unknownKeys(value);
  if (unknown !== undefined) {
    throw MachineConfigError.load(`unknown keys found during decoding:\n${marshal(unknown, flavour)}`);
  }
  return { apiVersion: 'v1alpha1', kind: 'ExtensionServiceConfig', ...doc };
}

/** Validate(): the first failing rule's text, or undefined. */
export function extensionServiceConfigProblem(doc: ExtensionServiceConfigDocument): string | undefined {
  if (doc.name === '') return 'name is required';
  // QUIRK: upstream's "no environment defined" branch is unreachable: the check needs both lists empty
  if (doc.configFiles.length === 0 && doc.environment.length === 0) {
    return `no config files found for extension ${goQuote(doc.name)}`;
  }
  for (const file of doc.configFiles) {
    if (file.content === '') return `extension content is required for extension ${goQuote(doc.name)}`;
    if (file.mountPath === '') return `extension mount path is required for extension ${goQuote(doc.name)}`;
  }
  return undefined;
}

/** The document's id in container messages: `ExtensionServiceConfig/<name>`. */
export function extensionServiceConfigId(doc: Pick<ExtensionServiceConfigDocument, 'name'>): string {
  return `${EXTENSION_SERVICE_CONFIG_KIND}/${doc.name}`;
}

/**
 * The container's validation entries for these documents, in order: `ExtensionServiceConfig/<name>: <problem>`;
 * the container joins them with the other documents' errors in one multierror.
 */
export function extensionServiceConfigErrors(docs: readonly ExtensionServiceConfigDocument[]): string[] {
  return docs.flatMap((d) => {
    const problem = extensionServiceConfigProblem(d);
    return problem === undefined ? [] : [`${extensionServiceConfigId(d)}: ${problem}`];
  });
}

/** container.New's check: the text for the first repeated name, or undefined. */
export function duplicateExtensionServiceConfig(docs: readonly ExtensionServiceConfigDocument[]): string | undefined {
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.name)) return `duplicate document: ${extensionServiceConfigId(d)}`;
    seen.add(d.name);
  }
  return undefined;
}

/**
 * merge.Merge(left, right) as a config patch applies it: a non-empty right name wins, configFiles merge by
 * mountPath (a match takes the right content when it is non-empty, new paths are appended), environments append.
 */
export function mergeExtensionServiceConfig(
  left: ExtensionServiceConfigDocument,
  right: ExtensionServiceConfigDocument,
): ExtensionServiceConfigDocument {
  const files = left.configFiles.map((f) => ({ ...f }));
  for (const file of right.configFiles) {
    const existing = files.find((f) => f.mountPath === file.mountPath);
    if (existing === undefined) files.push({ ...file });
    else if (file.content !== '') existing.content = file.content;
  }
  return {
    ...left,
    name: right.name !== '' ? right.name : left.name,
    configFiles: files,
    environment: [...left.environment, ...right.environment],
  };
}

/** The document as Talos's encoder writes it without comments (keys in struct order, empty lists omitted). */
export function encodeExtensionServiceConfig(
  doc: ExtensionServiceConfigDocument,
  flavour: YamlFlavour = 'rc6',
): string {
  return marshal(
    {
      apiVersion: doc.apiVersion,
      kind: doc.kind,
      name: doc.name,
      ...(doc.configFiles.length > 0
        ? { configFiles: doc.configFiles.map((f) => ({ content: f.content, mountPath: f.mountPath })) }
        : {}),
      ...(doc.environment.length > 0 ? { environment: [...doc.environment] } : {}),
    },
    flavour,
  );
}

const TOP_KEYS = new Set(['apiVersion', 'kind', 'name', 'configFiles', 'environment']);
const FILE_KEYS = new Set(['content', 'mountPath']);

function sortedUnknown(record: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  const keys = Object.keys(record)
    .filter((k) => !known.has(k))
    .sort();
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}

/** The keys the Go struct has no field for, shaped as the document (xyaml.CheckUnknownKeys), or undefined. */
function unknownKeys(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const out = sortedUnknown(value, TOP_KEYS);
  if (Array.isArray(value.configFiles)) {
    const items = value.configFiles
      .filter(isRecord)
      .map((f) => sortedUnknown(f, FILE_KEYS))
      .filter((f) => Object.keys(f).length > 0);
    if (items.length > 0) out.configFiles = items;
  }
  // Go marshals the map of unknown keys with its keys sorted
  const keys = Object.keys(out).sort();
  return keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, out[k]])) : undefined;
}

function fromDecoded(o: { readonly [key: string]: Decoded }): ExtensionServiceConfigDocument {
  const files = Array.isArray(o.configFiles) ? o.configFiles.map(obj) : [];
  return {
    apiVersion: 'v1alpha1',
    kind: 'ExtensionServiceConfig',
    name: typeof o.name === 'string' ? o.name : '',
    configFiles: files.map((f) => ({
      content: typeof f.content === 'string' ? f.content : '',
      mountPath: typeof f.mountPath === 'string' ? f.mountPath : '',
    })),
    environment: Array.isArray(o.environment) ? (o.environment as string[]) : [],
  };
}

function obj(v: Decoded | undefined): { readonly [key: string]: Decoded } {
  return typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** go-yaml's type-error text for a JS value that does not fit (no line is known for an already parsed value). */
function typeProblem(v: unknown, goType: string, flavour: YamlFlavour): string {
  return tagProblem(
    Array.isArray(v) ? '!!seq' : typeof v === 'object' && v !== null ? '!!map' : '!!str',
    goType,
    flavour,
  );
}

/** go-yaml's text for a node of `tag` that cannot go into `goType`, as each release words it. */
export function tagProblem(tag: string, goType: string, flavour: YamlFlavour): string {
  return `cannot ${flavour === 'v3' || flavour === 'rc3' ? 'unmarshal' : 'construct'} ${tag} into ${goType}`;
}

/** go-yaml's collected decode errors, as each release words them. */
export function errorsText(problems: readonly string[], flavour: YamlFlavour): string {
  if (flavour === 'v3' || flavour === 'rc3') return `yaml: unmarshal errors:\n  ${problems.join('\n  ')}`;
  if (flavour === 'rc4') return `yaml: construct errors:\n  ${problems.join('\n  ')}`;
  return `yaml: construct errors: ${problems.join('; ')}`;
}

function typeError(yamlError: string): MachineConfigError {
  return MachineConfigError.load(
    `error decoding ${EXTENSION_SERVICE_CONFIG_KIND} to *extensions.ServiceConfigV1Alpha1: ${yamlError}`,
  );
}
