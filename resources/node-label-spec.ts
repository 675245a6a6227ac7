// NodeLabelSpec (k8s namespace, id = the label key): a label machined wants on its Kubernetes Node, from the machine
// config and the system extensions (pkg/machinery/resources/k8s/node_label_spec.go; unchanged v1.3–v1.14).
// Sensitive, no explicit aliases, one print column `Value`.
import type { ResourceType } from '../src/cosi/index.js';

export const NodeLabelSpecResourceType = 'NodeLabelSpecs.k8s.talos.dev';

/** k8s.NodeLabelSpecSpec, Go field order. */
export interface NodeLabelSpecSpec {
  key: string;
  value: string;
}

export const NodeLabelSpecType: ResourceType<NodeLabelSpecSpec> = {
  definition: {
    type: NodeLabelSpecResourceType,
    defaultNamespace: 'k8s',
    aliases: [],
    sensitivity: 'sensitive',
    printColumns: [{ name: 'Value', jsonPath: '{.value}' }],
  },
  newSpec: () => ({ key: '', value: '' }),
};
