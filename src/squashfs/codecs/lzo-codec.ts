// lzo blocks are raw LZO1X streams (every lzo1x_* variant decodes the same way).
import { i32 } from '../le-bytes.js';
import type { Codec, Decompressor, OptionsResult } from './codec.js';
import { lzo1xDecompress } from './lzo1x.js';

const ALGORITHMS = ['lzo1x_1', 'lzo1x_1_11', 'lzo1x_1_12', 'lzo1x_1_15', 'lzo1x_999'];

export const lzoCodec: Codec = {
  id: 3,
  name: 'lzo',
  decodable: true,
  parseOptions(bytes): OptionsResult {
    if (bytes === undefined) return { ok: true, options: { algorithm: 'lzo1x_999', level: 8 } };
    if (bytes.length !== 8) return { ok: false, reason: `options block is ${bytes.length} bytes, expected 8` };
    const algorithm = i32(bytes, 0);
    const level = i32(bytes, 4);
    const name = ALGORITHMS[algorithm];
    if (name === undefined) return { ok: false, reason: `unknown algorithm ${algorithm}` };
    if (level < 0 || level > 9) return { ok: false, reason: `compression level ${level} is outside 0..9` };
    return { ok: true, options: { algorithm: name, level } };
  },
  async createDecompressor(): Promise<Decompressor> {
    return { decompress: lzo1xDecompress };
  },
};
