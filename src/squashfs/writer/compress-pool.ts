// Worker threads compressing data and fragment blocks (zstd at level 18 runs at ~5 MiB/s per
// core in WASM, so an image build is CPU-bound). Blocks go to the least busy worker; results
// come back in any order and DataStream puts them in place.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompressReply, CompressRequest } from './compress-worker.js';
import type { ChunkEncoder, EncodedChunk } from './data-stream.js';
import type { EncoderSpec } from './encoders/encoder-spec.js';

/** The worker entry; when running from TypeScript sources (tests, benches), through tsx's loader. */
function startWorker(spec: EncoderSpec): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./compress-worker.js', import.meta.url), { workerData: spec });
  }
  const api = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(api.replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./compress-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: spec });
}

interface Pending {
  readonly worker: Worker;
  readonly resolve: (chunk: EncodedChunk) => void;
  readonly reject: (err: Error) => void;
}

export class CompressPool implements ChunkEncoder {
  private readonly workers: Worker[];
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(spec: EncoderSpec, count: number) {
    this.workers = Array.from({ length: count }, () => startWorker(spec));
    for (const w of this.workers) {
      this.load.set(w, 0);
      w.on('message', (reply: CompressReply) => this.settle(w, reply));
      w.on('error', (err) => this.failWorker(w, err));
    }
  }

  encode(raw: Uint8Array): Promise<EncodedChunk> {
    // only a buffer of its own can be transferred; a view into a larger one is copied
    const data = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? raw : raw.slice();
    let worker = this.workers[0] as Worker;
    for (const w of this.workers) if ((this.load.get(w) ?? 0) < (this.load.get(worker) ?? 0)) worker = w;
    const id = this.nextId++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, data } satisfies CompressRequest, [data.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(worker: Worker, reply: CompressReply): void {
    const p = this.pending.get(reply.id);
    if (p === undefined) return;
    this.pending.delete(reply.id);
    this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
    if (reply.ok) p.resolve({ data: reply.data, compressed: reply.compressed });
    else p.reject(new Error(`compression worker failed: ${reply.message}`));
  }

  private failWorker(worker: Worker, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(new Error(`compression worker failed: ${err.message}`));
    }
  }
}
