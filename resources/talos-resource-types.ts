// The Talos resource types a node of a given release registers (machined's v1alpha2 state registers every type its
// release knows, whether or not a controller writes it), with each definition as that release has it. Verified
// against siderolabs/talos v1.11.0, v1.12.0, v1.13.0 and v1.14.0-rc.1; older boundaries from the release tags'
// v1alpha2_state.go and v1alpha2_controller.go (first tag that registers the type and runs its controller).
import type { ResourceType } from '../src/cosi/index.js';
import type { TalosVersionFacts } from '../src/extensions/index.js';
import { etcFileSpecType } from './etc-file-spec.js';
import { EtcFileStatusType } from './etc-file-status.js';
import { extensionServiceConfigTypeFor } from './extension-service-config.js';
import { ExtensionServiceConfigStatusType } from './extension-service-config-status.js';
import { ExtensionStatusType } from './extension-status.js';
import { IdentityType } from './identity.js';
import { ImageFactorySchematicType } from './image-factory-schematic.js';
import { machineConfigTypeFor } from './machine-config.js';
import { NodeAnnotationSpecType } from './node-annotation-spec.js';
import { NodeLabelSpecType } from './node-label-spec.js';
import { SBOMItemType } from './sbom-item.js';
import { ServiceType } from './service.js';
import { hasServicePIDs, ServicePIDType } from './service-pid.js';
import { hasBackport, isTalosAtLeast } from './talos-release.js';

/** First tag of each type (before it, the release does not register it). */
export const RESOURCE_TYPE_SINCE = {
  /** ExtensionServiceConfig and ExtensionServiceConfigStatus, with the config document. */
  extensionServiceConfig: 'v1.7.0-alpha.1',
  nodeLabelSpec: 'v1.3.0-alpha.2',
  nodeAnnotationSpec: 'v1.8.0-alpha.2',
  sbomItem: 'v1.11.0-beta.0',
  imageFactorySchematic: 'v1.14.0-alpha.2',
} as const;

/** EtcFileSpec became sensitive in these releases (commit 166854959, backported as 4c288caf2 and b8dfda7ee). */
export const ETC_FILE_SPEC_SENSITIVE_SINCE: Readonly<Record<string, string>> = {
  'v1.12': 'v1.12.9',
  'v1.13': 'v1.13.4',
  'v1.14': 'v1.14.0-alpha.2',
};

/** The Talos types (besides the meta namespace's) a node of this release registers, in registration order. */
export function talosResourceTypes(facts: Pick<TalosVersionFacts, 'version'>): ResourceType<unknown>[] {
  const at = (tag: string) => isTalosAtLeast(facts.version, tag);
  const types: ResourceType<unknown>[] = [
    ExtensionStatusType as ResourceType<unknown>,
    IdentityType as ResourceType<unknown>,
    machineConfigTypeFor(facts.version) as ResourceType<unknown>,
    etcFileSpecType(hasBackport(facts.version, ETC_FILE_SPEC_SENSITIVE_SINCE)) as ResourceType<unknown>,
    EtcFileStatusType as ResourceType<unknown>,
  ];
  if (at(RESOURCE_TYPE_SINCE.nodeLabelSpec)) types.push(NodeLabelSpecType as ResourceType<unknown>);
  if (at(RESOURCE_TYPE_SINCE.nodeAnnotationSpec)) types.push(NodeAnnotationSpecType as ResourceType<unknown>);
  if (at(RESOURCE_TYPE_SINCE.sbomItem)) types.push(SBOMItemType as ResourceType<unknown>);
  if (at(RESOURCE_TYPE_SINCE.imageFactorySchematic)) types.push(ImageFactorySchematicType as ResourceType<unknown>);
  types.push(ServiceType as ResourceType<unknown>);
  if (hasServicePIDs(facts.version)) types.push(ServicePIDType as ResourceType<unknown>);
  if (at(RESOURCE_TYPE_SINCE.extensionServiceConfig)) {
    types.push(extensionServiceConfigTypeFor(facts.version) as ResourceType<unknown>);
    types.push(ExtensionServiceConfigStatusType as ResourceType<unknown>);
  }
  return types;
}
