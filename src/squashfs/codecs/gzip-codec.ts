// gzip in squashfs is a zlib (RFC 1950) stream per block; node:zlib decodes it.
import { inflateSync } from 'node:zlib';
import { i16, i32 } from '../le-bytes.js';
import type { Codec, Decompressor, OptionsResult } from './codec.js';

const DEFAULTS = { level: 9, windowBits: 15, strategies: 0 };

export const gzipCodec: Codec = {
  id: 1,
  name: 'gzip',
  decodable: true,
  parseOptions(bytes): OptionsResult {
    if (bytes === undefined) return { ok: true, options: DEFAULTS };
    if (bytes.length !== 8) return { ok: false, reason: `options block is ${bytes.length} bytes, expected 8` };
    const level = i32(bytes, 0);
    const windowBits = i16(bytes, 4);
    const strategies = i16(bytes, 6);
    if (level < 1 || level > 9) return { ok: false, reason: `compression level ${level} is outside 1..9` };
    if (windowBits < 8 || windowBits > 15) return { ok: false, reason: `window size ${windowBits} is outside 8..15` };
    if (strategies & ~0x1f) return { ok: false, reason: `unknown strategy bits 0x${strategies.toString(16)}` };
    return { ok: true, options: { level, windowBits, strategies } };
  },
  async createDecompressor(): Promise<Decompressor> {
    return {
      decompress: (src, maxSize) => inflateSync(src, { maxOutputLength: Math.max(1, maxSize) }),
    };
  },
};
