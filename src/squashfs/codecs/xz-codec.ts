// xz blocks are complete .xz streams (optionally with a BCJ filter), decoded by native liblzma
// through node-liblzma, after checkXzStream has bounded what they may produce.
import { u32 } from '../le-bytes.js';
import type { Codec, Decompressor, OptionsResult } from './codec.js';
import { checkXzStream } from './xz-container.js';

/** Bit i of the squashfs bcj mask, in squashfs-tools' order. */
const BCJ_FILTERS = ['x86', 'powerpc', 'ia64', 'arm', 'armthumb', 'sparc', 'arm64', 'riscv'];

function isValidDictSize(d: number): boolean {
  // the kernel accepts 2^n and 2^n + 2^(n-1) only
  if (d < 8192) return false;
  const low = d & -d;
  return d === low || d === low * 3;
}

export const xzCodec: Codec = {
  id: 4,
  name: 'xz',
  decodable: true,
  parseOptions(bytes, blockSize): OptionsResult {
    if (bytes === undefined) return { ok: true, options: { dictSize: blockSize, filters: 'none' } };
    if (bytes.length !== 8) return { ok: false, reason: `options block is ${bytes.length} bytes, expected 8` };
    const dictSize = u32(bytes, 0);
    const mask = u32(bytes, 4);
    if (!isValidDictSize(dictSize))
      return { ok: false, reason: `dictionary size ${dictSize} is not 2^n or 2^n+2^(n-1)` };
    if (mask >= 1 << BCJ_FILTERS.length) return { ok: false, reason: `unknown filter bits 0x${mask.toString(16)}` };
    const filters = BCJ_FILTERS.filter((_, i) => mask & (1 << i));
    return { ok: true, options: { dictSize, filters: filters.length === 0 ? 'none' : filters.join(',') } };
  },
  async createDecompressor(): Promise<Decompressor> {
    const { unxzSync } = await loadLiblzma();
    return {
      decompress(src, maxSize) {
        checkXzStream(src, maxSize);
        // one output chunk of the block's size: a single pass through liblzma, no concatenation
        const out = unxzSync(Buffer.from(src.buffer, src.byteOffset, src.length), {
          chunkSize: Math.max(maxSize, 4096),
        });
        if (out.length > maxSize) throw new Error(`xz block expands beyond ${maxSize} bytes`);
        return out;
      },
    };
  },
};

/**
 * node-liblzma is an optional peer dependency: it ships prebuilt binaries for linux-x64, darwin-arm64 and win32-x64
 * and builds against liblzma-dev elsewhere (an install script), so an install may lack it. Only xz images need it.
 */
export async function loadLiblzma(): Promise<typeof import('node-liblzma')> {
  try {
    return await import('node-liblzma');
  } catch (err) {
    throw new Error(
      `xz needs the optional package node-liblzma, which is not installed or does not load here (${(err as Error).message}); ` +
        'install node-liblzma@4.0.2 beside talos-sim, or use zstd images',
    );
  }
}
