// The zstd encoder for runtimes without node:zlib's (Node < 22.15): @bokuweb/zstd-wasm, an emscripten build. Its
// init() never settles when the WASM cannot be instantiated (emscripten logs "wasm compile failed" and waits for a
// runtime that never starts), which left the CLI on an unsettled top-level await (exit 13, e.g. under `ulimit -v`).
// The instantiation is therefore done here, through emscripten's instantiateWasm hook, so that a failure rejects.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type ZstdWasm = typeof import('@bokuweb/zstd-wasm');

/** The part of the emscripten Module object used here. */
interface EmscriptenModule {
  instantiateWasm?: (imports: object, receiveInstance: (instance: object) => void) => object;
  init(bytes: Uint8Array): void;
}

/** The part of the WebAssembly global used here (the project's lib settings do not declare it). */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }> };
  }
).WebAssembly;

let loading: Promise<ZstdWasm> | undefined;

/**
 * The module, initialised once per thread (init() again would replace the heap under live encoders). A failure is
 * kept: emscripten's run state after a failed start is not one to retry from.
 */
export function loadZstdWasm(): Promise<ZstdWasm> {
  loading ??= load();
  return loading;
}

async function load(): Promise<ZstdWasm> {
  const zstd = await import('@bokuweb/zstd-wasm');
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@bokuweb/zstd-wasm'));
  // the package's entry requires this module and calls Module.init(bytes) from its init(); requiring it by path
  // reaches the same instance, whose start-up is done here instead
  const { Module, waitInitialized } = require(join(dir, 'module.js')) as {
    Module: EmscriptenModule;
    waitInitialized(): Promise<void>;
  };
  const bytes = await readFile(join(dir, 'zstd.wasm'));
  await new Promise<void>((resolve, reject) => {
    Module.instantiateWasm = (imports, receiveInstance) => {
      wasmApi.instantiate(bytes, imports).then((result) => receiveInstance(result.instance), reject);
      return {};
    };
    waitInitialized().then(resolve, reject);
    Module.init(bytes);
  });
  return zstd;
}
