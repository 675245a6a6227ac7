// Validation of the v1alpha1 document, as Talos's `Config.Validate` and `RuntimeValidate` do it
// (pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go), for the rules about what a simulated node models:
// the machine section, the machine type, `.persist`, `.machine.install.extensions` and the deprecation warnings;
// then the ExtensionServiceConfig documents' own rules.
// Rules about what it does not model (cluster endpoints, CAs, install disks, networking) are not checked, so a
// config of a few lines is enough to simulate a node; the README lists this difference.
//
// Errors and warnings come in upstream order, with upstream texts; errors are joined as go-multierror prints them.
import { resolveTalosVersion } from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';
import { compareTalos } from './compare-talos.js';
import {
  decodeExtensionServiceConfig,
  EXTENSION_SERVICE_CONFIG_KIND,
  type ExtensionServiceConfigDocument,
  extensionServiceConfigErrors,
} from './extension-service-config.js';
import { installExtensionImages } from './install-extension-images.js';
import { documentsOfKind, type MachineConfig, v1alpha1Document } from './machine-config.js';

export interface MachineConfigValidation {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export interface ValidateMachineConfigOptions {
  /**
   * Also RuntimeValidate, as machined does for an applied config. false: `Validate` alone, as the installer
   * (cmd/installer) and the config acquisition of a config loaded from the STATE partition do. Default true.
   */
  readonly runtime?: boolean;
}

/** Where rules appeared (tags of siderolabs/talos). */
const SINCE = {
  /** `.persist should be enabled`; Validate warns about `.machine.install.extensions`. */
  persistAndExtensionsWarning: 'v1.6.0-beta.0',
  /** RuntimeValidate warns about `.machine.install.extensions` a second time. */
  runtimeExtensionsWarning: 'v1.10.0-alpha.3',
  /** `.machine.files` and `.machine.baseRuntimeSpecOverrides` are deprecated. */
  machineFilesDeprecated: 'v1.14.0-beta.0',
} as const;

/** machine.ParseType: the types a config may name, and the name each is printed with. */
const MACHINE_TYPES: Readonly<Record<string, string>> = {
  init: 'init',
  controlplane: 'controlplane',
  worker: 'worker',
  join: 'worker',
  '': 'worker',
};

/**
 * Validates the config as a node of `talosVersion` does when it is applied: the container's Validate takes the
 * v1alpha1 document first (Validate, then RuntimeValidate), then every other document that validates itself, each
 * error prefixed with the document's id (`ExtensionServiceConfig/<name>: name is required`), in one multierror.
 */
export function validateMachineConfig(
  config: MachineConfig,
  talosVersion: string,
  options: ValidateMachineConfigOptions = {},
): MachineConfigValidation {
  const { errors, warnings } = validateV1Alpha1(config, talosVersion, options.runtime ?? true);
  const services: ExtensionServiceConfigDocument[] = [];
  for (const doc of documentsOfKind(config, EXTENSION_SERVICE_CONFIG_KIND)) {
    try {
      services.push(decodeExtensionServiceConfig(doc.value));
    } catch {
      // a document that does not decode was refused when the config was loaded
    }
  }
  return { errors: [...errors, ...extensionServiceConfigErrors(services)], warnings };
}

function validateV1Alpha1(config: MachineConfig, talosVersion: string, runtime: boolean): MachineConfigValidation {
  const document = v1alpha1Document(config);
  if (document === undefined) return { errors: [], warnings: [] };
  const since = (tag: string): boolean => compareTalos(talosVersion, tag) >= 0;
  const errors: string[] = [];
  const warnings: string[] = [];
  const machine = asMapping(document.value.machine);
  if (machine === undefined) return { errors: ['machine instructions are required'], warnings };

  if (since(SINCE.machineFilesDeprecated)) {
    if (Array.isArray(machine.files) && machine.files.length > 0) {
      warnings.push('.machine.files is deprecated; use dedicated configuration documents instead');
    }
    const overrides = asMapping(machine.baseRuntimeSpecOverrides);
    if (overrides !== undefined && Object.keys(overrides).length > 0) {
      warnings.push('.machine.baseRuntimeSpecOverrides is deprecated; use a CRIBaseRuntimeSpecConfig document instead');
    }
  }

  const type = machine.type === undefined || machine.type === null ? '' : String(machine.type);
  const typeName = MACHINE_TYPES[type];
  if (typeName !== undefined && typeName !== type) {
    warnings.push(`use ${goQuote(typeName)} instead of ${goQuote(type)} for machine type`);
  }
  if (typeName === undefined) errors.push(`unknown machine type ${goQuote(type)}`);

  const images = installExtensionImages(config.text);
  const seen = new Set<string>();
  for (const image of images) {
    if (seen.has(image)) errors.push(`duplicate system extension ${goQuote(image)}`);
    seen.add(image);
  }
  const deprecation = resolveTalosVersion(talosVersion).installExtensionsWarning;
  if (images.length > 0 && deprecation !== undefined && since(SINCE.persistAndExtensionsWarning)) {
    warnings.push(deprecation);
  }

  if (since(SINCE.persistAndExtensionsWarning) && document.value.persist === false) {
    errors.push('.persist should be enabled');
  }

  if (runtime && images.length > 0 && deprecation !== undefined && since(SINCE.runtimeExtensionsWarning)) {
    warnings.push(deprecation);
  }
  return { errors, warnings };
}

function asMapping(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
