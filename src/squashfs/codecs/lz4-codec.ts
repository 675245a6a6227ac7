// lz4 blocks are raw LZ4 blocks. squashfs always writes an options block for lz4.
import { i32 } from '../le-bytes.js';
import type { Codec, Decompressor, OptionsResult } from './codec.js';
import { lz4DecompressBlock } from './lz4-block.js';

const LZ4_LEGACY = 1;
const LZ4_HC = 1;
/** squashfs-tools 4.7: the options carry an extra i32 (acceleration or HC level). */
const LZ4_OPTIONS_V2 = 2;

export const lz4Codec: Codec = {
  id: 5,
  name: 'lz4',
  decodable: true,
  parseOptions(bytes): OptionsResult {
    if (bytes === undefined) return { ok: false, reason: 'lz4 images must carry an options block' };
    if (bytes.length !== 8 && bytes.length !== 12) {
      return { ok: false, reason: `options block is ${bytes.length} bytes, expected 8 or 12` };
    }
    const version = i32(bytes, 0);
    const flags = i32(bytes, 4);
    if (version !== LZ4_LEGACY) return { ok: false, reason: `lz4 format version ${version} is not 1` };
    if (flags & ~(LZ4_HC | LZ4_OPTIONS_V2)) return { ok: false, reason: `unknown flags 0x${flags.toString(16)}` };
    if ((bytes.length === 12) !== ((flags & LZ4_OPTIONS_V2) !== 0)) {
      return { ok: false, reason: 'options length does not match its flags' };
    }
    return { ok: true, options: { version, hc: (flags & LZ4_HC) !== 0 } };
  },
  async createDecompressor(): Promise<Decompressor> {
    return { decompress: lz4DecompressBlock };
  },
};
