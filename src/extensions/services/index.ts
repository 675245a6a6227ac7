// src/extensions/services: extension service definitions (pkg/machinery/extensions/services): the spec type with
// its YAML keys, go-yaml decoding per Talos release, Validate() with upstream's multierror texts.
export {
  type DecodeServiceSpecOptions,
  decodeServiceSpec,
  MAX_SERVICE_SPEC_BYTES,
} from './decode-service-spec.js';
export {
  enumIsValid,
  enumParse,
  enumString,
  type GoEnum,
  NETWORK_STATUS,
  NetworkStatus,
  type NetworkStatusName,
  RESTART_KIND,
  RestartKind,
  type RestartKindName,
} from './go-enum.js';
export {
  type Decoded,
  FatalDecode,
  type FieldShape,
  GoStructDecoder,
  type StructShape,
} from './go-struct-decoder.js';
export {
  type ReadServiceDefinitionsOptions,
  readServiceDefinitions,
  SERVICE_DEFINITION_MESSAGES,
  type ServiceDefinitionOutcome,
} from './read-service-definitions.js';
export {
  type ExtensionServiceSpec,
  type LinuxIdMapping,
  newServiceSpec,
  type ServiceContainer,
  type ServiceDependency,
  type ServiceMount,
  type ServiceSecurity,
  type ServiceSpecInit,
} from './service-spec.js';
export {
  isServiceSpecError,
  ServiceSpecError,
  type ServiceSpecErrorDetail,
  type ServiceSpecErrorKind,
} from './service-spec-error.js';
export { serviceSpecProblems, validateServiceSpec } from './validate-service-spec.js';
