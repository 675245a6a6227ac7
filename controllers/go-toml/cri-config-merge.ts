// internal/pkg/toml.Merge: CRI config parts decoded one by one in the order given, merged left to right into one
// map, then written as a header of `## <origin> (sha256:<hex of the part's bytes>)` lines, a blank line, and the
// merged document through go-toml's indented encoder. The first part that does not decode or merge aborts.
import { createHash } from 'node:crypto';
import { goQuote } from '../../src/gofmt/index.js';
import { DecodeCache } from '../decode-cache.js';
import { encodeToml } from './toml-encoder.js';
import { isTomlDecodeError } from './toml-error.js';
import { mergeTables, TomlMergeError } from './toml-merge.js';
import { decodeToml } from './toml-parser.js';
import { TomlTable } from './toml-value.js';

export interface CriConfigPart {
  /** What errors name (`error decoding "<name>"`): the part's path before v1.14.0-beta.0, its file name after. */
  readonly name: string;
  /** What the header line names: the path, or `file /etc/cri/conf.d/x.part`, `in-memory registries`… */
  readonly origin: string;
  readonly contents: Uint8Array;
}

export interface MergedCriConfig {
  readonly contents: string;
  /** Each part's name and the hex sha256 of its bytes, in merge order. */
  readonly checksums: readonly (readonly [name: string, sha256: string])[];
}

/** A part that does not decode or merge, with Talos's text (`error decoding "<name>": toml: …`). */
export class CriConfigMergeError extends Error {
  override readonly name = 'CriConfigMergeError';
  constructor(
    readonly kind: 'decode' | 'merge',
    message: string,
    options: { readonly cause: unknown },
  ) {
    super(message, options);
  }
}

/** Merges of the last few part sets: nodes booted from the same asset merge the same parts. */
const merges = new DecodeCache<MergedCriConfig>(16);

/** Decodes, merges and encodes the parts (memoised on their names, origins and bytes). */
export function mergeCriConfigParts(parts: readonly CriConfigPart[]): MergedCriConfig {
  const key = parts
    .map((p) => `${p.name}\u0000${p.origin}\u0000${Buffer.from(p.contents).toString('latin1')}`)
    .join('\u0001');
  return merges.get(key, () => mergeParts(parts));
}

function mergeParts(parts: readonly CriConfigPart[]): MergedCriConfig {
  const merged = new TomlTable();
  let header = '';
  const checksums: [string, string][] = [];
  for (const part of parts) {
    let partial: TomlTable;
    try {
      partial = decodeToml(part.contents);
    } catch (err) {
      if (!isTomlDecodeError(err)) throw err;
      throw new CriConfigMergeError('decode', `error decoding ${goQuote(part.name)}: ${err.message}`, { cause: err });
    }
    try {
      mergeTables(merged, partial);
    } catch (err) {
      if (!(err instanceof TomlMergeError)) throw err;
      throw new CriConfigMergeError('merge', `error merging ${goQuote(part.name)}: ${err.message}`, { cause: err });
    }
    const sha = createHash('sha256').update(part.contents).digest('hex');
    header += `## ${part.origin} (sha256:${sha})\n`;
    checksums.push([part.name, sha]);
  }
  return { contents: `${header}\n${encodeToml(merged)}`, checksums };
}
