// Inputs of the node label and annotation tests: ExtensionStatus resources as the upstream tests create them, and
// machine configs published as the node publishes them.
import { ExtensionStatusType } from '../../resources/extension-status.js';
import { publishMachineConfig } from '../../resources/machine-config.js';
import { newTypedResource, type State } from '../../src/cosi/index.js';
import { type MachineConfig, parseMachineConfig } from '../../src/machine-config/index.js';

/** The 64-hex schematic id of the upstream TestExtensionLabels/TestExtensionAnnotations. */
export const SCHEMATIC_ID = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The three ExtensionStatuses of the upstream tests: zfs 2.2.4, drbd 9.2.8-v1.7.5 and the schematic. */
export const UPSTREAM_EXTENSIONS: readonly (readonly [id: string, name: string, version: string])[] = [
  ['0', 'zfs', '2.2.4'],
  ['1', 'drbd', '9.2.8-v1.7.5'],
  ['2', 'schematic', SCHEMATIC_ID],
];

export async function createExtensionStatus(
  state: State,
  id: string,
  name: string,
  version: string,
  author = '',
): Promise<void> {
  const res = newTypedResource(ExtensionStatusType, id);
  res.spec = {
    image: `${id}.sqsh`,
    metadata: { name, version, author, description: '', compatibility: { talos: { version: '' } } },
  };
  await state.create(res);
}

export async function applyConfig(state: State, yaml: string, talosVersion = 'v1.13.0'): Promise<void> {
  await publishMachineConfig(state, parseMachineConfig(yaml, { talosVersion }));
}

export async function applyDocuments(state: State, config: MachineConfig): Promise<void> {
  await publishMachineConfig(state, config);
}

/** A v1alpha1 config of a machine type with node labels and annotations (YAML flow mappings). */
export function v1alpha1Config(
  type: string,
  labels: Record<string, string> = {},
  annotations?: Record<string, string>,
): string {
  const lines = ['version: v1alpha1', 'machine:', `  type: ${type}`, `  nodeLabels: ${JSON.stringify(labels)}`];
  if (annotations !== undefined) lines.push(`  nodeAnnotations: ${JSON.stringify(annotations)}`);
  return `${lines.join('\n')}\n`;
}
