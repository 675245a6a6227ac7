// Talos resource types the simulated node registers, each as its release defines it (talosResourceTypes).
export {
  EtcFileSpecResourceType,
  type EtcFileSpecSpec,
  EtcFileSpecType,
  etcFileSpecType,
} from './etc-file-spec.js';
export { EtcFileStatusResourceType, type EtcFileStatusSpec, EtcFileStatusType } from './etc-file-status.js';
export {
  type ExtensionServiceConfigFileSpec,
  ExtensionServiceConfigResourceType,
  type ExtensionServiceConfigSpec,
  ExtensionServiceConfigType,
  extensionServiceConfigTypeFor,
} from './extension-service-config.js';
export {
  ExtensionServiceConfigStatusResourceType,
  type ExtensionServiceConfigStatusSpec,
  ExtensionServiceConfigStatusType,
  extensionServiceConfigSource,
} from './extension-service-config-status.js';
export {
  type ExtensionMetadata,
  ExtensionStatusResourceType,
  type ExtensionStatusSpec,
  ExtensionStatusType,
} from './extension-status.js';
export { IdentityResourceType, type IdentitySpec, IdentityType, LOCAL_IDENTITY_ID } from './identity.js';
export {
  IMAGE_FACTORY_SCHEMATIC_ID,
  ImageFactorySchematicResourceType,
  type ImageFactorySchematicSpec,
  ImageFactorySchematicType,
} from './image-factory-schematic.js';
export {
  ACTIVE_MACHINE_CONFIG_ID,
  MachineConfigResourceType,
  type MachineConfigSpec,
  MachineConfigType,
  machineConfigTypeFor,
  publishMachineConfig,
  YAML_SPEC_ANNOTATION,
} from './machine-config.js';
export {
  NodeAnnotationSpecResourceType,
  type NodeAnnotationSpecSpec,
  NodeAnnotationSpecType,
} from './node-annotation-spec.js';
export { NodeLabelSpecResourceType, type NodeLabelSpecSpec, NodeLabelSpecType } from './node-label-spec.js';
export { SBOMItemResourceType, type SBOMItemSpec, SBOMItemType } from './sbom-item.js';
export { ServiceResourceType, type ServiceSpec, ServiceType } from './service.js';
export {
  hasServicePIDs,
  ServicePIDResourceType,
  type ServicePIDSpec,
  ServicePIDType,
  servicePidRecorder,
} from './service-pid.js';
export { TALOS_NAMESPACES, type TalosNamespace, talosNamespaces } from './talos-namespaces.js';
export { RESOURCE_TYPE_SINCE, talosResourceTypes } from './talos-resource-types.js';
