// zstd blocks are standard frames (content size in the header, no checksum). They are decoded by libzstd through
// node:zlib where the runtime has it (Node ≥ 22.15), and by the WASM build of zstddec elsewhere; both decode every
// fixture image identically (test/squashfs/zstd-native.test.ts).
import { i32 } from '../le-bytes.js';
import type { Codec, DecoderOptions, Decompressor, OptionsResult } from './codec.js';
import { createNativeZstdDecompressor, nativeZstd } from './native-zstd.js';
import { createWasmZstdDecompressor } from './zstd-wasm-decoder.js';

export const zstdCodec: Codec = {
  id: 6,
  name: 'zstd',
  decodable: true,
  parseOptions(bytes): OptionsResult {
    if (bytes === undefined) return { ok: true, options: { level: 15 } };
    if (bytes.length !== 4) return { ok: false, reason: `options block is ${bytes.length} bytes, expected 4` };
    const level = i32(bytes, 0);
    if (level < 1 || level > 22) return { ok: false, reason: `compression level ${level} is outside 1..22` };
    return { ok: true, options: { level } };
  },
  async createDecompressor(options: DecoderOptions = {}): Promise<Decompressor> {
    const choice = options.zstdDecoder ?? 'auto';
    const native = choice === 'wasm' ? undefined : nativeZstd();
    if (native !== undefined) return createNativeZstdDecompressor(native);
    if (choice === 'native') throw new Error(`this runtime (Node ${process.versions.node}) has no zstd in node:zlib`);
    try {
      return await createWasmZstdDecompressor();
    } catch (err) {
      throw new Error(
        `its WebAssembly build cannot start (${(err as Error).message}); ` +
          'Node 22.15 and later decode zstd natively, without WebAssembly',
      );
    }
  },
};
