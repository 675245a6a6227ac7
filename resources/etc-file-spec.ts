// EtcFileSpec (files namespace, id = the path under /etc, e.g. `cri/conf.d/cri.toml`): a file machined renders into
// /etc (pkg/machinery/resources/files/etcfile_spec.go). Sensitive only from v1.12.9, v1.13.4 and v1.14 (commit
// 4c288caf2 "mark more resources as sensitive"); never any aliases or print columns.
import type { ResourceType } from '../src/cosi/index.js';

export const EtcFileSpecResourceType = 'EtcFileSpecs.files.talos.dev';

/**
 * files.EtcFileSpecSpec in Go field order. `contents` is yamlutils.StringBytes (printed as a string when it is valid
 * UTF-8, which is all talos-sim writes); `mode` is an fs.FileMode, which go-yaml prints as its decimal value.
 */
export interface EtcFileSpecSpec {
  contents: string;
  mode: number;
  /** Absent before v1.9.0-alpha.3, which had no such field. */
  selinux_label?: string;
}

function definedAs(sensitive: boolean): ResourceType<EtcFileSpecSpec> {
  return {
    definition: {
      type: EtcFileSpecResourceType,
      defaultNamespace: 'files',
      aliases: [],
      printColumns: [],
      ...(sensitive ? { sensitivity: 'sensitive' as const } : {}),
    },
    newSpec: () => ({ contents: '', mode: 0, selinux_label: '' }),
  };
}

/** The definition of a release before the change: not sensitive. */
export const EtcFileSpecType: ResourceType<EtcFileSpecSpec> = definedAs(false);
const SensitiveEtcFileSpecType: ResourceType<EtcFileSpecSpec> = definedAs(true);

/**
 * The definition as a release has it: `sensitive` from v1.12.9, v1.13.4 and v1.14.0-alpha.2 on. The same objects
 * every time, so registries can cache what they derive from them.
 */
export function etcFileSpecType(sensitive: boolean): ResourceType<EtcFileSpecSpec> {
  return sensitive ? SensitiveEtcFileSpecType : EtcFileSpecType;
}
