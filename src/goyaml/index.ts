// go-yaml encoder (gopkg.in/yaml.v3 v3.0.1 and go.yaml.in/yaml/v4 rc.3/rc.4/rc.6), byte-exact, in TypeScript.
// Self-contained: imports nothing else of talos-sim (the `yaml` package parses text back into nodes).
export type { FlavourTraits, YamlFlavour } from './flavour.js';
export { flavourTraits, isYamlFlavour, YAML_FLAVOURS } from './flavour.js';
export { formatFloat } from './format-float.js';
export { float64, GoFloat } from './go-float.js';
export { GoMap } from './go-map.js';
export type { GoTimeFields } from './go-time.js';
export { GoTime } from './go-time.js';
export type { GoValue } from './go-value.js';
export type { GoYamlErrorKind } from './go-yaml-error.js';
export { GoYamlError, isGoYamlError } from './go-yaml-error.js';
export { encode, marshal, readBack, remarshalFirstDocument } from './marshal.js';
export { compareNatural, naturalLess } from './natural-order.js';
export { isStackExhausted, nestingReason, TOO_DEEP } from './nesting-limit.js';
export type { OrderedMappingKey } from './ordered-mapping.js';
export { OrderedMapping } from './ordered-mapping.js';
export { RawYaml } from './raw-yaml.js';
export type { Resolved, ResolvedTag } from './resolver.js';
export { resolvePlain } from './resolver.js';
export { UntaggedScalar, untagged } from './untagged-scalar.js';
