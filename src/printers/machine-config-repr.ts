// talosctl's mcYamlRepr (cmd/talosctl/cmd/talos/output/yaml.go, used by json.go and so by jsonpath; not by the
// table): for a MachineConfig, `-o yaml`/`-o json`/`-o jsonpath` replace the spec talosctl received by a string.
// How, and when, changed between talosctl releases; the node's release decides what was received (the resource's
// `served` form: RawYaml text up to Talos v1.11, a string plus the `talos.dev/yaml-spec` annotation from v1.12).
import { marshal, RawYaml, remarshalFirstDocument, type YamlFlavour } from '../goyaml/index.js';
import type { PrintableResource } from './printable.js';

/** Upstream's `config.MachineConfigType`: the one type talosctl treats this way. */
const MACHINE_CONFIG_TYPE = 'MachineConfigs.config.talos.dev';

/**
 * What a talosctl release does with a MachineConfig spec:
 * - `embedded` (before v1.8.0-alpha.2): nothing; the text received is written in place of the spec.
 * - `string` (v1.8.0-alpha.2 to v1.12.0-alpha.2, commit d9db360ab): always the received YAML text as a string
 *   (the yaml.v3 fork marshals the received spec to its text as it is).
 * - `first-document-unless-annotated` (v1.12.0-beta.0 to v1.12.4, v1.13.0-alpha.0/1, commit 92eeaa482): only
 *   without annotations; cosi v1.12 decodes the received text into a node, so the string is its first document
 *   re-encoded (talos issue #12787).
 * - `raw-unless-annotated` (v1.12.5+, v1.13.0-alpha.2+, commit f118ee47e): only without annotations; the received
 *   YAML text itself as a string.
 */
export type MachineConfigRepr = 'embedded' | 'string' | 'first-document-unless-annotated' | 'raw-unless-annotated';

/** The YAML text of the spec as the API sent it (protobuf.Resource's yaml_spec). */
function receivedYaml(spec: unknown, flavour: YamlFlavour): string {
  return spec instanceof RawYaml ? spec.text : marshal(spec, flavour);
}

/** The resource with the spec talosctl prints in `-o yaml`/`json`/`jsonpath`; other types pass unchanged. */
export function machineConfigView(
  resource: PrintableResource,
  repr: MachineConfigRepr,
  served: YamlFlavour,
  decodedBy: YamlFlavour,
): PrintableResource {
  if (resource.metadata.type !== MACHINE_CONFIG_TYPE || repr === 'embedded') return resource;
  const annotated = resource.metadata.annotations.size > 0;
  if (annotated && repr !== 'string') return resource;
  const received = receivedYaml(resource.spec, served);
  switch (repr) {
    case 'string':
      // the fork writes RawYAML bytes as they are, and ends the document with a line break
      return { metadata: resource.metadata, spec: received.endsWith('\n') ? received : `${received}\n` };
    case 'first-document-unless-annotated':
      return { metadata: resource.metadata, spec: remarshalFirstDocument(received, decodedBy) };
    case 'raw-unless-annotated':
      return { metadata: resource.metadata, spec: received };
  }
}
