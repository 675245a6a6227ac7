// k8s extensionsToNodeKV: every system extension becomes `extensions.talos.dev/<name>` = its version, on the node's
// labels or annotations depending on whether the version is a valid label value (the value filter). Extensions are
// applied after the machine config's keys, so they win over a user key of the same name.
import { type ExtensionStatusSpec, ExtensionStatusType } from '../resources/extension-status.js';
import type { Runtime } from '../src/cosi/index.js';
import { isQualifiedName } from './k8s-label-validation.js';

/** constants.K8sExtensionPrefix */
export const K8S_EXTENSION_PREFIX = 'extensions.talos.dev/';

/** Adds the keys of the extensions whose version passes `valueFilter` to `keys` (in ExtensionStatus id order). */
export async function addExtensionNodeKeys(
  r: Runtime,
  keys: Map<string, string>,
  valueFilter: (value: string) => boolean,
): Promise<void> {
  const statuses = await r.list({ namespace: 'runtime', type: ExtensionStatusType.definition.type });
  for (const status of statuses) {
    const { metadata } = status.spec as ExtensionStatusSpec;
    if (metadata.name === '') continue;
    const key = K8S_EXTENSION_PREFIX + metadata.name;
    if (isQualifiedName(key) && valueFilter(metadata.version)) keys.set(key, metadata.version);
  }
}
