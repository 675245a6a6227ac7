// Loading a multi-document machine config as Talos's config loader does (pkg/machinery/config/configloader, its
// internal decoder): each YAML document is the v1alpha1 document (no `kind`; recognised by `machine`, `cluster`,
// `debug` or `persist`) or a document with `apiVersion` and `kind` that the release's registry knows; documents
// are identified as `<apiVersion>/<kind>/<name>` and may not repeat; unknown keys are refused. The texts are the
// loader's; anything wrong is a MachineConfigError and nothing is half-applied.
import { isMap, isScalar, LineCounter, parseAllDocuments, type YAMLMap } from 'yaml';
import { INPUT_LIMITS, resolveTalosVersion } from '../extensions/index.js';
import { FatalDecode, GoStructDecoder } from '../extensions/services/index.js';
import { isStackExhausted, marshal, nestingReason, TOO_DEEP } from '../goyaml/index.js';
import { compareTalos } from './compare-talos.js';
import { DOCUMENT_KINDS, REMOVED_DOCUMENT_KINDS, V1ALPHA1_KEYS } from './document-kinds.js';
import {
  decodeExtensionServiceConfigNode,
  EXTENSION_SERVICE_CONFIG_KIND,
  type ExtensionServiceConfigDocument,
} from './extension-service-config.js';
import type { MachineConfig, MachineConfigDocument } from './machine-config.js';
import { MachineConfigError } from './machine-config-error.js';
import { v1alpha1ConfigShape } from './v1alpha1-shape.js';

/** The largest machine config read (INPUT_LIMITS.machineConfigBytes; configs with inline manifests reach a few hundred KiB). */
export const MAX_MACHINE_CONFIG_BYTES = INPUT_LIMITS.machineConfigBytes;

export interface ParseMachineConfigOptions {
  /** The node's Talos release: which document kinds and keys its loader knows. Default: the newest. */
  readonly talosVersion?: string;
}

const V1ALPHA1_MARKERS = ['machine', 'cluster', 'debug', 'persist'];

/**
 * Aliases one document may resolve (the yaml package counts each alias by the nodes it stands for): a config with a
 * few hundred `*v` reads, an exponential alias bomb does not.
 */
const MAX_ALIAS_COUNT = 10_000;

export function parseMachineConfig(text: string, options: ParseMachineConfigOptions = {}): MachineConfig {
  if (Buffer.byteLength(text) > MAX_MACHINE_CONFIG_BYTES) {
    throw MachineConfigError.tooLarge(MAX_MACHINE_CONFIG_BYTES);
  }
  const release = options.talosVersion;
  const knows = (since: string): boolean => release === undefined || compareTalos(release, since) >= 0;
  const texts = loaderTexts(release);
  /** The go-yaml of the release's loader (asked only for the documents decoded into Go structs). */
  const goYaml = () => (release === undefined ? 'rc6' : resolveTalosVersion(release).goYaml);
  const counter = new LineCounter();
  const documents: MachineConfigDocument[] = [];
  const seen = new Set<string>();
  for (const doc of parseAllDocuments(text, { lineCounter: counter, uniqueKeys: true })) {
    const syntax = doc.errors[0];
    if (syntax !== undefined) {
      const line = counter.linePos(syntax.pos[0]).line;
      // the yaml package's wording, not go-yaml's (a known difference); the line is the same
      const reason = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      // the parser's own stack ran out (a document nested some thousand levels deep)
      throw MachineConfigError.load(`decode error: yaml: line ${line}: ${nestingReason(reason)}`);
    }
    const contents = doc.contents;
    const empty = contents === null || (isScalar(contents) && contents.value === null);
    // before 6aa9b0677 an empty document went to the decoder like any other, which found no kind in it
    if (empty && texts.lines) continue;
    if (empty || (!isMap(contents) && !texts.lines)) throw MachineConfigError.load('missing kind');
    const line = counter.linePos(contents.range?.[0] ?? 0).line;
    if (!isMap(contents)) throw MachineConfigError.load(`expected a YAML document at line ${line}`);
    let value: Record<string, unknown>;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    } catch (err) {
      if (isStackExhausted(err)) throw MachineConfigError.load(`decode error: yaml: line ${line}: ${TOO_DEEP}`);
      // the yaml package's alias limit (its default, 100, refused configs go-yaml takes): go-yaml's text for a bomb
      if (err instanceof ReferenceError && /alias/i.test(err.message)) {
        throw MachineConfigError.load('decode error: yaml: document contains excessive aliasing');
      }
      throw err;
    }
    // the loader's findValue: a key's scalar text as written (`name: 0755` is "0755")
    const scalarText = (key: string): string => {
      const node = contents.get(key, true);
      if (!isScalar(node)) return '';
      return typeof node.source === 'string' ? node.source : node.value == null ? '' : String(node.value);
    };
    const apiVersion = scalarText('apiVersion');
    const kindKey = scalarText('kind');
    const name = scalarText('name');
    const id = `${apiVersion}/${kindKey || 'v1alpha1'}/${name}`;
    if (seen.has(id) && texts.duplicates === 'decoder') {
      throw MachineConfigError.load(`duplicate document ${id} is not allowed${texts.lines ? ` (line ${line})` : ''}`);
    }
    seen.add(id);
    const fail = (reason: string): never => {
      throw MachineConfigError.load(texts.lines ? `error decoding document ${id} (line ${line}): ${reason}` : reason);
    };
    const version = V1ALPHA1_MARKERS.some((k) => k in value) ? 'v1alpha1' : apiVersion;
    if (version === 'v1alpha1' && kindKey === '') {
      // the loader decodes into v1alpha1.Config (go-yaml's type errors, for the fields talos-sim reads), then looks
      // for unknown keys
      const decoder = new GoStructDecoder(doc, counter, goYaml());
      try {
        decoder.decode(contents, v1alpha1ConfigShape(knows));
      } catch (err) {
        if (!(err instanceof FatalDecode)) throw err;
        fail(`error decoding  to *v1alpha1.Config: ${err.message}`);
      }
      const collected = decoder.errorText();
      if (collected !== undefined) fail(`error decoding  to *v1alpha1.Config: ${collected}`);
      const unknown = unknownV1alpha1Keys(contents, knows);
      if (unknown !== undefined) fail(`unknown keys found during decoding:\n${marshal(unknown, 'v3')}`);
      documents.push({ kind: 'v1alpha1', value });
      continue;
    }
    if (kindKey === '') fail('missing kind');
    if (version === '' && texts.missingApiVersion) fail('missing apiVersion');
    const since = DOCUMENT_KINDS[kindKey];
    const removed = REMOVED_DOCUMENT_KINDS[kindKey];
    // every document kind Talos registers is v1alpha1: the registry knows no other version of it
    if (version !== 'v1alpha1' || since === undefined || !knows(since) || (removed !== undefined && knows(removed)))
      fail(`"${kindKey}" "${version}": not registered`);
    if (kindKey === EXTENSION_SERVICE_CONFIG_KIND) {
      // decoded into its Go struct as the loader does: go-yaml's type errors, then the unknown keys
      let decoded: ExtensionServiceConfigDocument;
      try {
        decoded = decodeExtensionServiceConfigNode(doc, contents, counter, { flavour: goYaml() });
      } catch (err) {
        if (err instanceof MachineConfigError) fail(err.message);
        throw err;
      }
      value = { ...decoded };
    }
    documents.push({ kind: kindKey, apiVersion, name: name === '' ? undefined : name, value });
  }
  if (documents.length === 0) throw MachineConfigError.load('config not found');
  if (texts.duplicates === 'container') {
    const problem = containerDuplicate(documents);
    if (problem !== undefined) throw MachineConfigError.load(problem);
  }
  return { text, documents };
}

/** How the release's loader words what it refuses (each difference came with the commit named). */
interface LoaderTexts {
  /**
   * Lines in the decoder's texts, the `error decoding document <id> (line N): ` frame, and empty documents skipped
   * (before, they failed as `missing kind`): 6aa9b0677.
   */
  readonly lines: boolean;
  /** `missing apiVersion` (a728bbd89); before, `"<kind>" "": not registered`. */
  readonly missingApiVersion: boolean;
  /** Duplicates refused by the decoder (cd7c68266, v1.8) or, before, by the config container once all decoded. */
  readonly duplicates: 'decoder' | 'container';
}

function loaderTexts(release: string | undefined): LoaderTexts {
  const at = (tag: string) => release === undefined || compareTalos(release, tag) >= 0;
  // fixed on main in `tag`, backported to the v1.12 line in `backport`
  const since = (tag: string, backport: string) => at(tag) || (at(backport) && !at('v1.13.0-alpha.0'));
  return {
    lines: since('v1.13.0-alpha.1', 'v1.12.3'),
    missingApiVersion: since('v1.13.0-beta.0', 'v1.12.6'),
    duplicates: at('v1.8.0-beta.0') ? 'decoder' : 'container',
  };
}

/** The config container's check before v1.8: one v1alpha1 document, and one of each other kind and name. */
function containerDuplicate(documents: readonly MachineConfigDocument[]): string | undefined {
  const seen = new Set<string>();
  for (const doc of documents) {
    const id = doc.kind === 'v1alpha1' ? 'v1alpha1' : `${doc.kind}/${'name' in doc ? (doc.name ?? '') : ''}`;
    if (seen.has(id)) return id === 'v1alpha1' ? 'duplicate v1alpha1.Config' : `duplicate document: ${id}`;
    seen.add(id);
  }
  return undefined;
}

/** The keys of the v1alpha1 document's checked sections that the release does not know, as a nested mapping. */
function unknownV1alpha1Keys(root: YAMLMap, knows: (since: string) => boolean): Record<string, unknown> | undefined {
  const walk = (map: YAMLMap, section: string): Record<string, unknown> | undefined => {
    const known = V1ALPHA1_KEYS[section];
    if (known === undefined) return undefined;
    const out: Record<string, unknown> = {};
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const since = known[key];
      if (since === undefined || !knows(since)) {
        out[key] =
          isMap(pair.value) || isScalar(pair.value)
            ? pair.value.toJSON()
            : (pair.value as { toJSON?: () => unknown })?.toJSON?.();
        continue;
      }
      if (isMap(pair.value)) {
        const deeper = walk(pair.value, section === '' ? key : `${section}.${key}`);
        if (deeper !== undefined) out[key] = deeper;
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  return walk(root, '');
}
