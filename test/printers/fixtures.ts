import {
  createResourceWriter,
  type PrintableDefinition,
  type PrintableMetadata,
  type PrintableResource,
  type ResourceWriter,
  type ResourceWriterOptions,
} from '../../src/printers/index.js';

export const CREATED = new Date(Date.UTC(2024, 7, 9, 3, 7, 41));

export function metadata(overrides: Partial<PrintableMetadata> = {}): PrintableMetadata {
  return {
    namespace: 'runtime',
    type: 'ExtensionStatuses.runtime.talos.dev',
    id: '0',
    version: 1,
    owner: 'runtime.ExtensionStatusController',
    phase: 'running',
    created: CREATED,
    updated: CREATED,
    labels: new Map(),
    annotations: new Map(),
    finalizers: [],
    ...overrides,
  };
}

export function extensionStatus(
  id: string,
  name: string,
  version: string,
  options: { description?: string; metadata?: Partial<PrintableMetadata> } = {},
): PrintableResource {
  return {
    metadata: metadata({ id, ...options.metadata }),
    spec: {
      image: `${id}.sqsh`,
      metadata: {
        name,
        version,
        author: 'Sidero Labs',
        description: options.description ?? `This system extension provides ${name}.\n`,
        compatibility: { talos: { version: '>= v1.6.0' } },
      },
    },
  };
}

export const EXTENSION_STATUS_RD: PrintableDefinition = {
  displayType: 'ExtensionStatus',
  printColumns: [
    { name: 'Name', jsonPath: '{.metadata.name}' },
    { name: 'Version', jsonPath: '{.metadata.version}' },
  ],
};

export const RESOURCE_DEFINITION_RD: PrintableDefinition = {
  displayType: 'ResourceDefinition',
  printColumns: [{ name: 'Aliases', jsonPath: '{.aliases[:]}' }],
};

export function resourceDefinition(id: string, aliases: readonly string[]): PrintableResource {
  return {
    metadata: metadata({ namespace: 'meta', type: 'ResourceDefinitions.meta.cosi.dev', id, owner: 'meta' }),
    spec: { aliases },
  };
}

/** A writer whose output is collected in `text()`. */
export function capture(
  format: string,
  options: Omit<ResourceWriterOptions, 'out'> = {},
): { readonly writer: ResourceWriter; text(): string } {
  let out = '';
  const writer = createResourceWriter(format, {
    ...options,
    out: (chunk) => {
      out += chunk;
    },
  });
  return { writer, text: () => out };
}
