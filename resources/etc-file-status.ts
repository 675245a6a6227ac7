// EtcFileStatus (files namespace, id = the path under /etc): the EtcFileSpec version files.EtcFileController last
// wrote to disk (pkg/machinery/resources/files/etcfile_status.go; unchanged v1.0–v1.14). Controllers that read the
// rendered files back take it as an input (CRIConfigPartsController).
import type { ResourceType } from '../src/cosi/index.js';

export const EtcFileStatusResourceType = 'EtcFileStatuses.files.talos.dev';

/** files.EtcFileStatusSpec */
export interface EtcFileStatusSpec {
  specVersion: string;
}

export const EtcFileStatusType: ResourceType<EtcFileStatusSpec> = {
  definition: {
    type: EtcFileStatusResourceType,
    defaultNamespace: 'files',
    aliases: [],
    printColumns: [],
  },
  newSpec: () => ({ specVersion: '' }),
};
