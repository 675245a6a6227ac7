// The node labels and annotations a machine config asks for, as each release reads them:
// - before v1.14.0-beta.0: `cfg.Config().Machine()` (nil without a v1alpha1 document): `machine.nodeLabels`, plus
//   `node-role.kubernetes.io/control-plane: ""` for init and controlplane machines; `machine.nodeAnnotations`;
// - from v1.14.0-beta.0 (commit 0f55e1f05): `cfg.Config().K8sNodeConfig()`: the first KubeNodeConfig document's
//   `labels`/`annotations` (no control-plane label), else the v1alpha1 shim (nil when the document has neither
//   `machine` nor `cluster`), which reads the same keys as before.

import type { MachineConfigSpec } from '../resources/machine-config.js';
import { isTalosAtLeast } from '../resources/talos-release.js';
import type { KindDocument, V1Alpha1Document } from '../src/machine-config/index.js';

/** constants.LabelNodeRoleControlPlane */
export const LABEL_NODE_ROLE_CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
/** The release whose NodeLabelSpec/NodeAnnotationSpec controllers read K8sNodeConfig(). */
export const K8S_NODE_CONFIG_SINCE = 'v1.14.0-beta.0';
/** The KubeNodeConfig document kind (pkg/machinery/config/types/k8s/node.go). */
export const KUBE_NODE_CONFIG_KIND = 'KubeNodeConfig';

type Which = 'labels' | 'annotations';
type Mapping = Readonly<Record<string, unknown>>;

function asMapping(value: unknown): Mapping | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Mapping) : undefined;
}

/**
 * A `map[string]string` as go-yaml fills it: a null value leaves the empty string, other scalars their text. The
 * config loader keeps decoded values, so a number shows as JS prints it (`1.10` reads back as `1.1`: a known
 * difference from Go, which keeps the source text).
 */
function goStringMap(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(asMapping(value) ?? {}))
    out.set(k, v === null || v === undefined ? '' : String(v));
  return out;
}

function isControlPlane(machine: Mapping | undefined): boolean {
  const type = machine?.type;
  return type === 'init' || type === 'controlplane';
}

function fromV1Alpha1(doc: V1Alpha1Document, which: Which, shim: boolean): Map<string, string> | undefined {
  const machine = asMapping(doc.value.machine);
  // K8sNodeConfig() of the v1alpha1 document is nil when it has neither section
  if (shim && machine === undefined && asMapping(doc.value.cluster) === undefined) return undefined;
  const keys = goStringMap(which === 'labels' ? machine?.nodeLabels : machine?.nodeAnnotations);
  if (which === 'labels' && isControlPlane(machine)) keys.set(LABEL_NODE_ROLE_CONTROL_PLANE, '');
  return keys;
}

/** The keys the config asks for; an empty map when it asks for none or there is no config. */
export function machineConfigNodeKeys(
  config: MachineConfigSpec | undefined,
  which: Which,
  talosVersion: string,
): Map<string, string> {
  if (config === undefined) return new Map();
  const v1alpha1 = config.documents.find((d): d is V1Alpha1Document => d.kind === 'v1alpha1');
  if (!isTalosAtLeast(talosVersion, K8S_NODE_CONFIG_SINCE)) {
    return v1alpha1 === undefined ? new Map() : (fromV1Alpha1(v1alpha1, which, false) ?? new Map());
  }
  const kubeNode = config.documents.find((d): d is KindDocument => d.kind === KUBE_NODE_CONFIG_KIND);
  if (kubeNode !== undefined) return goStringMap(kubeNode.value[which]);
  return v1alpha1 === undefined ? new Map() : (fromV1Alpha1(v1alpha1, which, true) ?? new Map());
}
