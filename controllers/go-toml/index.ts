// TOML as Talos reads, merges and writes the CRI config: go-toml v2 decoding into map[string]any, the Talos config
// merge, and go-toml's indented encoder, with their error texts.
export { type CriConfigPart, type MergedCriConfig, mergeCriConfigParts } from './cri-config-merge.js';
export { encodeToml } from './toml-encoder.js';
export { goRuneU, isTomlDecodeError, TomlDecodeError } from './toml-error.js';
export { mergeTables, TomlMergeError } from './toml-merge.js';
export { decodeToml, MAX_TOML_BYTES } from './toml-parser.js';
export {
  goTypeName,
  TomlLocalDate,
  TomlLocalDateTime,
  TomlLocalTime,
  TomlOffsetDateTime,
  TomlStruct,
  TomlTable,
  type TomlValue,
} from './toml-value.js';
