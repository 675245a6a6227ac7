// Worker threads compressing data and fragment blocks (zstd at level 18 runs at ~5 MiB/s per
// core in WASM, so an image build is CPU-bound). Blocks go to the least busy worker; results
// come back in any order and DataStream puts them in place. Pools are shared and kept warm for a
// moment after use: starting workers costs ~0.1 s, which the imager would otherwise pay per layer.
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

  /** Whether a worker failed: the pool must not be reused. */
  broken = false;

  /** Lets the process exit while the pool idles (ref again before use). */
  setIdle(idle: boolean): void {
    for (const w of this.workers) {
      if (idle) w.unref();
      else w.ref();
    }
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
    this.broken = true;
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(new Error(`compression worker failed: ${err.message}`));
    }
  }
}

interface SharedPool {
  readonly pool: CompressPool;
  leases: number;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

const shared = new Map<string, SharedPool>();
/** How long an unused pool stays warm for the next write. */
const IDLE_MS = 2000;

/** A lease on a shared pool for this encoder spec and size; `close()` returns it. */
export function leaseCompressPool(spec: EncoderSpec, count: number): ChunkEncoder {
  const key = `${count}:${JSON.stringify(spec)}`;
  let entry = shared.get(key);
  if (entry === undefined || entry.pool.broken) {
    entry = { pool: new CompressPool(spec, count), leases: 0, idleTimer: undefined };
    shared.set(key, entry);
  }
  const lease = entry;
  clearTimeout(lease.idleTimer);
  lease.leases++;
  lease.pool.setIdle(false);
  let open = true;
  return {
    encode: (raw) => lease.pool.encode(raw),
    close: async () => {
      if (!open) return;
      open = false;
      lease.leases--;
      if (lease.leases > 0) return;
      if (lease.pool.broken) {
        shared.delete(key);
        await lease.pool.close();
        return;
      }
      lease.pool.setIdle(true);
      lease.idleTimer = setTimeout(() => {
        if (shared.get(key) === lease && lease.leases === 0) shared.delete(key);
        void lease.pool.close();
      }, IDLE_MS);
      lease.idleTimer.unref();
    },
  };
}
