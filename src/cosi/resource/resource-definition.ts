// ResourceDefinition specs (cosi meta.ResourceDefinitionSpec): validation of the canonical type
// name and derivation of the display type and aliases, with cosi's exact error texts.
import { goQuote } from '../../gofmt/index.js';
import { isPlural, singular } from './pluralize.js';

export interface PrintColumn {
  readonly name: string;
  /** k8s-style JSONPath evaluated against the resource's spec. */
  readonly jsonPath: string;
}

export type Sensitivity = 'sensitive';

/** What a resource type declares; fillResourceDefinition derives the rest. */
export interface ResourceDefinitionInput {
  /** Canonical type, `PluralCamelName.suffix.domain`. */
  readonly type: string;
  readonly defaultNamespace: string;
  readonly aliases?: readonly string[];
  readonly printColumns?: readonly PrintColumn[];
  readonly sensitivity?: Sensitivity | undefined;
  readonly skipAutomaticAliases?: boolean;
}

/** The filled spec; property order is the YAML emission order. */
export interface ResourceDefinitionSpec {
  readonly type: string;
  readonly displayType: string;
  readonly defaultNamespace: string;
  readonly aliases: readonly string[];
  readonly allAliases: readonly string[];
  /** Present only when true (omitempty). */
  readonly skipAutomaticAliases?: true;
  readonly printColumns: readonly PrintColumn[];
  /** Present only when sensitive (omitempty). */
  readonly sensitivity?: Sensitivity;
}

/** A resource definition cosi would refuse (cosi's texts: `missing suffix`, `name is empty`…). */
export class ResourceDefinitionError extends Error {
  override readonly name = 'ResourceDefinitionError';
  readonly kind = 'invalid-resource-definition' as const;
}

export function isResourceDefinitionError(err: unknown): err is ResourceDefinitionError {
  return err instanceof ResourceDefinitionError;
}

const NAME_PATTERN = '^[A-Z][A-Za-z0-9-]+$';
const SUFFIX_PATTERN = '^[a-z][a-z0-9-]+(\\.[a-z][a-z0-9-]+)*$';
const nameRegexp = new RegExp(NAME_PATTERN);
const suffixRegexp = new RegExp(SUFFIX_PATTERN);

/** The RD resource id: the lower-cased canonical type. */
export function resourceDefinitionId(type: string): string {
  return type.toLowerCase();
}

/** Validates and derives a ResourceDefinition spec; throws ResourceDefinitionError with cosi's texts. */
export function fillResourceDefinition(input: ResourceDefinitionInput): ResourceDefinitionSpec {
  const dot = input.type.indexOf('.');
  if (dot < 0) throw new ResourceDefinitionError('missing suffix');
  const name = input.type.slice(0, dot);
  const suffix = input.type.slice(dot + 1);
  if (name === '') throw new ResourceDefinitionError('name is empty');
  if (suffix === '') throw new ResourceDefinitionError('suffix is empty');
  if (name.toLowerCase() === name) throw new ResourceDefinitionError('name should be in CamelCase');
  if (!nameRegexp.test(name)) throw new ResourceDefinitionError(`name doesn't match ${goQuote(NAME_PATTERN)}`);
  if (!suffixRegexp.test(suffix)) throw new ResourceDefinitionError(`suffix doesn't match ${goQuote(SUFFIX_PATTERN)}`);
  if (!isPlural(name)) throw new ResourceDefinitionError('name should be plural');
  if (input.sensitivity !== undefined && input.sensitivity !== 'sensitive') {
    throw new ResourceDefinitionError(`unknown sensitivity ${goQuote(String(input.sensitivity))}`);
  }

  const displayType = singular(name);
  const aliases = [...(input.aliases ?? [])];
  const allAliases: string[] = [];
  if (!input.skipAutomaticAliases) {
    aliases.push(displayType.toLowerCase());
    const lowerName = name.toLowerCase();
    allAliases.push(lowerName);
    const suffixParts = suffix.split('.');
    for (let i = 1; i < suffixParts.length; i++) allAliases.push([lowerName, ...suffixParts.slice(0, i)].join('.'));
    const acronym = [...name].filter((c) => c !== c.toLowerCase() && c === c.toUpperCase()).join('');
    if (acronym.length > 1) {
      aliases.push(acronym.toLowerCase());
      if (!acronym.endsWith('S')) aliases.push(`${acronym}s`.toLowerCase());
    }
  }
  allAliases.push(...aliases);

  return {
    type: input.type,
    displayType,
    defaultNamespace: input.defaultNamespace,
    aliases,
    allAliases,
    ...(input.skipAutomaticAliases ? { skipAutomaticAliases: true as const } : {}),
    printColumns: (input.printColumns ?? []).map((c) => ({ name: c.name, jsonPath: c.jsonPath })),
    ...(input.sensitivity === 'sensitive' ? { sensitivity: 'sensitive' as const } : {}),
  };
}
