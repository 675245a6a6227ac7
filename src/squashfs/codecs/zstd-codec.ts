// zstd blocks are standard frames; decoded by zstddec (WASM, synchronous after its one-time init).
import { i32 } from '../le-bytes.js';
import type { Codec, Decompressor, OptionsResult } from './codec.js';

/**
 * zstddec loads its inlined WASM through fetch() when fetch exists, which in Node makes the
 * first call load undici (tens of ms, most of a short CLI run). Hiding the global for the
 * synchronous part of init() sends it down its Buffer path instead.
 */
function initWithoutFetch(decoder: { init(): Promise<void> }): Promise<void> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (descriptor === undefined || !descriptor.configurable) return decoder.init();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return decoder.init();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

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
  async createDecompressor(): Promise<Decompressor> {
    const { ZSTDDecoder } = await import('zstddec');
    const decoder = new ZSTDDecoder();
    await initWithoutFetch(decoder);
    return {
      decompress(src, maxSize) {
        // zstddec returns an empty array when ZSTD_decompress reports an error (negative size)
        const out = decoder.decode(src, Math.max(1, maxSize));
        if (out.length === 0) throw new Error('zstd frame did not decode');
        return out;
      },
    };
  },
};
