// Loading a multi-document machine config as Talos's config loader does: each YAML document is either the v1alpha1
// document (no `kind`; `version: v1alpha1`) or a named document with `apiVersion` and `kind`. Unreadable input and
// validation failures are MachineConfigErrors with the texts Talos prints; nothing is half-applied.
import { isMap, parseAllDocuments } from 'yaml';
import type { KindDocument, MachineConfig, MachineConfigDocument } from './machine-config.js';
import { MachineConfigError } from './machine-config-error.js';

/** The largest machine config read (Talos's own limit on a config in the META/STATE partition is far smaller). */
export const MAX_MACHINE_CONFIG_BYTES = 4 * 1024 * 1024;

export interface ParseMachineConfigOptions {
  /** The node's Talos release: which document kinds it knows. */
  readonly talosVersion?: string;
}

/** Document kinds that carry a `name` (so duplicates are found by kind and name). */
const NAMED_KINDS = new Set(['ExtensionServiceConfig', 'UserVolumeConfig', 'VolumeConfig', 'Layer2VIPConfig']);

export function parseMachineConfig(text: string, _options: ParseMachineConfigOptions = {}): MachineConfig {
  if (Buffer.byteLength(text) > MAX_MACHINE_CONFIG_BYTES) {
    throw MachineConfigError.invalid(`the machine config is larger than ${MAX_MACHINE_CONFIG_BYTES} bytes`);
  }
  const documents: MachineConfigDocument[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const doc of parseAllDocuments(text)) {
    const syntax = doc.errors[0];
    if (syntax !== undefined) throw MachineConfigError.invalid(syntax.message.split('\n')[0] ?? syntax.message);
    if (doc.contents === null) continue;
    if (!isMap(doc.contents)) throw MachineConfigError.invalid('a config document is a YAML mapping');
    const value = doc.toJS() as Record<string, unknown>;
    const kind = value.kind;
    if (kind === undefined) {
      if (value.version !== 'v1alpha1') throw MachineConfigError.invalid('missing kind');
      if (seen.has('v1alpha1')) errors.push('duplicate v1alpha1 document');
      seen.add('v1alpha1');
      documents.push({ kind: 'v1alpha1', value });
      continue;
    }
    if (typeof kind !== 'string' || typeof value.apiVersion !== 'string') {
      throw MachineConfigError.invalid('a config document has a string kind and apiVersion');
    }
    const name = typeof value.name === 'string' ? value.name : undefined;
    const document: KindDocument = { kind, apiVersion: value.apiVersion, name, value };
    const id = NAMED_KINDS.has(kind) ? `${kind}/${name ?? ''}` : kind;
    if (seen.has(id)) errors.push(`duplicate document: ${id}`);
    seen.add(id);
    documents.push(document);
  }
  if (errors.length > 0) throw MachineConfigError.validation(errors, []);
  return { text, documents };
}
