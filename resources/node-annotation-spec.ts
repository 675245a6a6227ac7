// NodeAnnotationSpec (k8s namespace, id = the annotation key): an annotation machined wants on its Kubernetes Node,
// from the machine config and the system extensions whose version is not a valid label value
// (pkg/machinery/resources/k8s/node_annotation_spec.go; unchanged v1.8–v1.14). Sensitive, column `Value`.
import type { ResourceType } from '../src/cosi/index.js';

export const NodeAnnotationSpecResourceType = 'NodeAnnotationSpecs.k8s.talos.dev';

/** k8s.NodeAnnotationSpecSpec, Go field order. */
export interface NodeAnnotationSpecSpec {
  key: string;
  value: string;
}

export const NodeAnnotationSpecType: ResourceType<NodeAnnotationSpecSpec> = {
  definition: {
    type: NodeAnnotationSpecResourceType,
    defaultNamespace: 'k8s',
    aliases: [],
    sensitivity: 'sensitive',
    printColumns: [{ name: 'Value', jsonPath: '{.value}' }],
  },
  newSpec: () => ({ key: '', value: '' }),
};
