// ExtensionServiceConfig (runtime namespace, `ExtensionServiceConfigs.runtime.talos.dev`): one per
// ExtensionServiceConfig machine-config document, id = the service name, written by
// runtime.ExtensionServiceConfigController. No aliases or columns. Sensitive (reading needs os:admin) only in
// v1.12.9+, v1.13.4+ and v1.14.0-alpha.2+ (pkg/machinery/resources/runtime/extension_services_config.go at the tags).
import { SemVer } from 'semver';
import type { ResourceType } from '../src/cosi/index.js';

export const ExtensionServiceConfigResourceType = 'ExtensionServiceConfigs.runtime.talos.dev';

export interface ExtensionServiceConfigFileSpec {
  content: string;
  mountPath: string;
}

/** Both lists are omitempty in YAML: absent when empty. */
export interface ExtensionServiceConfigSpec {
  files?: ExtensionServiceConfigFileSpec[];
  environment?: string[];
}

function typeWith(sensitive: boolean): ResourceType<ExtensionServiceConfigSpec> {
  return {
    definition: {
      type: ExtensionServiceConfigResourceType,
      defaultNamespace: 'runtime',
      aliases: [],
      printColumns: [],
      ...(sensitive ? { sensitivity: 'sensitive' as const } : {}),
    },
    newSpec: () => ({}),
  };
}

/** The newest releases' definition (Sensitive). */
export const ExtensionServiceConfigType: ResourceType<ExtensionServiceConfigSpec> = typeWith(true);

/** Whether the release marks ExtensionServiceConfig Sensitive. */
export function extensionServiceConfigSensitive(talosVersion: string): boolean {
  const v = new SemVer(talosVersion.trim());
  if (v.major !== 1) return v.major > 1;
  if (v.minor === 12) return v.compare('1.12.9') >= 0;
  if (v.minor === 13) return v.compare('1.13.4') >= 0;
  if (v.minor === 14) return v.compare('1.14.0-alpha.2') >= 0;
  return v.minor > 14;
}

/** The definition a node of this release registers. */
export function extensionServiceConfigTypeFor(talosVersion: string): ResourceType<ExtensionServiceConfigSpec> {
  return extensionServiceConfigSensitive(talosVersion) ? ExtensionServiceConfigType : typeWith(false);
}
