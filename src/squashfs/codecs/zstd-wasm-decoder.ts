// The zstd decoder for runtimes without node:zlib's (Node < 22.15): the zstd build inside zstddec (WASM).
// zstddec's own decode() mallocs input and output and copies the result out on every call; for the
// 128 KiB-block bulk reads of an extraction that copy and the garbage it leaves cost as much as
// a fifth of the decoding, so blocks are decoded into buffers kept in the module's memory.
import type { Decompressor } from './codec.js';

/** The part of the WebAssembly global used here (the project's lib settings do not declare it). */
interface WasmApi {
  instantiate(...args: unknown[]): Promise<unknown>;
  readonly Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The exports of zstddec's WASM build this decoder calls (C functions take and return pointers). */
interface ZstdExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  ZSTD_decompress(dst: number, dstCapacity: number, src: number, srcSize: number): number;
  ZSTD_isError(code: number): number;
}

function isZstdExports(e: Record<string, unknown>): e is Record<string, unknown> & ZstdExports {
  return (
    e.memory instanceof wasmApi.Memory &&
    ['malloc', 'free', 'ZSTD_decompress', 'ZSTD_isError'].every((f) => typeof e[f] === 'function')
  );
}

interface Zstddec {
  decode(src: Uint8Array, size: number): Uint8Array;
  readonly exports?: ZstdExports;
}

/** zstddec initialises its one instance once per thread, and so does this module. */
let zstddec: Promise<Zstddec> | undefined;

/**
 * Runs zstddec's init() and returns its WASM instance's exports. zstddec instantiates through
 * fetch() when fetch exists, which in Node loads undici (tens of ms, most of a short CLI run), so
 * the global is hidden while init() starts; WebAssembly.instantiate is observed meanwhile, which
 * is how the instance is reached (zstddec does not export it).
 */
async function initZstddec(): Promise<Zstddec> {
  const { ZSTDDecoder } = await import('zstddec');
  const decoder = new ZSTDDecoder();
  const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const instantiate = wasmApi.instantiate;
  let instantiated: Promise<unknown> | undefined;
  let init: Promise<void>;
  try {
    if (fetchDescriptor?.configurable === true) {
      Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
    }
    observeInstantiate((result) => {
      instantiated ??= result;
    });
    init = decoder.init();
  } finally {
    restoreInstantiate(instantiate);
    if (fetchDescriptor?.configurable === true) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
  }
  await init;
  const result = (await instantiated) as { instance?: { exports?: Record<string, unknown> } } | undefined;
  const exports = result?.instance?.exports;
  const decode = (src: Uint8Array, size: number): Uint8Array => decoder.decode(src, size);
  return exports !== undefined && isZstdExports(exports) ? { decode, exports } : { decode };
}

/**
 * Wraps WebAssembly.instantiate to see its results; with frozen intrinsics (node --frozen-intrinsics, SES) it cannot
 * be wrapped, and the codec falls back to zstddec's own decode.
 */
function observeInstantiate(seen: (result: Promise<unknown>) => void): void {
  const instantiate = wasmApi.instantiate;
  try {
    wasmApi.instantiate = (...args: unknown[]) => {
      const result = instantiate.apply(wasmApi, args);
      seen(result);
      return result;
    };
  } catch {
    // read-only: nothing observed
  }
}

function restoreInstantiate(original: WasmApi['instantiate']): void {
  if (wasmApi.instantiate === original) return;
  wasmApi.instantiate = original;
}

/** A region of the WASM memory this decoder owns, grown on demand. */
class Region {
  ptr = 0;
  capacity = 0;

  constructor(private readonly wasm: ZstdExports) {}

  reserve(size: number): number {
    if (size > this.capacity) {
      if (this.ptr !== 0) this.wasm.free(this.ptr);
      this.ptr = 0;
      this.capacity = 0;
      const ptr = this.wasm.malloc(size);
      if (ptr === 0) throw new Error(`zstd decoder cannot allocate ${size} bytes`);
      this.ptr = ptr;
      this.capacity = size;
    }
    return this.ptr;
  }
}

/**
 * Decodes into its own input and output regions. Any malloc may grow (and so replace) the memory's buffer, which
 * detaches every view of it: views are taken after the allocations they depend on, and lengths read before.
 */
class ZstdWasmDecompressor implements Decompressor {
  private readonly input: Region;
  private readonly output: Region;

  constructor(private readonly wasm: ZstdExports) {
    this.input = new Region(wasm);
    this.output = new Region(wasm);
  }

  decompress(src: Uint8Array, maxSize: number): Uint8Array {
    return this.decompressTransient(src, maxSize).slice();
  }

  decompressTransient(src: Uint8Array, maxSize: number): Uint8Array {
    const { wasm } = this;
    const length = src.length;
    const inPtr = this.isInputBuffer(src) ? this.input.ptr : this.copyIn(src);
    const outPtr = this.output.reserve(Math.max(1, maxSize));
    const n = wasm.ZSTD_decompress(outPtr, Math.max(1, maxSize), inPtr, length);
    // size_t comes back as i32: an error code reads as a small negative number
    if (wasm.ZSTD_isError(n) !== 0 || n < 0) throw new Error('zstd frame did not decode');
    return new Uint8Array(wasm.memory.buffer, outPtr, n);
  }

  inputBuffer(size: number): Uint8Array {
    const ptr = this.input.reserve(Math.max(1, size));
    return new Uint8Array(this.wasm.memory.buffer, ptr, size);
  }

  private isInputBuffer(src: Uint8Array): boolean {
    return this.input.ptr !== 0 && src.buffer === this.wasm.memory.buffer && src.byteOffset === this.input.ptr;
  }

  private copyIn(src: Uint8Array): number {
    const ptr = this.input.reserve(Math.max(1, src.length));
    new Uint8Array(this.wasm.memory.buffer, ptr, src.length).set(src);
    return ptr;
  }
}

/** The WASM decoder of this thread (zstddec initialises once per thread). Rejects when the WASM cannot start. */
export async function createWasmZstdDecompressor(): Promise<Decompressor> {
  zstddec ??= initZstddec();
  zstddec.catch(() => {
    zstddec = undefined;
  });
  const z = await zstddec;
  if (z.exports !== undefined) return new ZstdWasmDecompressor(z.exports);
  // a zstddec whose instance could not be reached: its own decode, one copy per block
  return {
    decompress(src, maxSize) {
      // zstddec returns an empty array when ZSTD_decompress reports an error (negative size)
      const out = z.decode(src, Math.max(1, maxSize));
      if (out.length === 0) throw new Error('zstd frame did not decode');
      return out;
    },
  };
}
