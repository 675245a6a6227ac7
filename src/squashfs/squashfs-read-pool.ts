// Optional worker-thread pool for bulk reads of large images (xz decodes at ~25-60 MiB/s per
// core, so a full extraction is CPU-bound). Each worker opens the image itself; requests are
// queued and handed to the least busy worker. Extraction writes files inside the workers, so
// file data never crosses threads.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SquashfsOpenOptions } from './open-options.js';
import {
  type ExtractJob,
  type PoolReply,
  type PoolRequest,
  type ReadPoolWorkerData,
  reviveError,
} from './read-pool-messages.js';
import { isValidWorkerCount, MAX_WORKERS, workerThreads } from './worker-count.js';

export interface ReadPoolOptions {
  /** Worker threads: a whole number from 1 to 256, of which at most one per core is started. Default: one per core. */
  readonly workers?: number;
  /** How each worker opens the image. */
  readonly open?: SquashfsOpenOptions;
}

/**
 * A batch handed to one worker ends after this many files or bytes, whichever comes first.
 * Small files share fragment blocks, and a block split across two batches is decompressed by
 * both workers, so batches are large; the on-demand hand-out keeps the workers balanced.
 */
export const BATCH_FILES = 256;
export const BATCH_BYTES = 4 << 20;
/** Requests a worker holds at once: enough to stay busy while the caller is, few enough to rebalance. */
const MAX_IN_FLIGHT = 3;

interface Pending {
  readonly resolve: (reply: PoolReply) => void;
  readonly worker: Worker;
}

type Request = { op: 'read'; path: string } | { op: 'extract'; jobs: readonly ExtractJob[] };

/** The worker entry; when running from TypeScript sources (tests, benches), via tsx's loader. */
function startWorker(workerData: ReadPoolWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./read-pool-worker.js', import.meta.url), { workerData });
  const api = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(api.replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./read-pool-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

export class SquashfsReadPool {
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private readonly queue: { readonly req: Request; readonly resolve: (reply: PoolReply) => void }[] = [];
  private lastWorker: Worker | undefined;
  private nextId = 1;

  /** Settles once every worker has opened the image; rejects with the first failure. */
  readonly ready: Promise<void>;

  private constructor(private readonly workers: readonly Worker[]) {
    const opened: Promise<void>[] = [];
    for (const w of workers) {
      this.load.set(w, 0);
      opened.push(
        new Promise((resolve, reject) => {
          // id 0 is the worker's "image opened" (or "could not open") message
          w.once('message', (reply: PoolReply) => (reply.ok ? resolve() : reject(reviveError(reply.error))));
          w.once('error', reject);
        }),
      );
      w.on('message', (reply: PoolReply) => this.settle(w, reply));
      w.on('error', (err) => this.failWorker(w, err));
    }
    this.ready = Promise.all(opened).then(() => undefined);
    this.ready.catch(() => {});
  }

  /** Starts the workers and waits until each has opened the image (its errors are thrown here). */
  static async open(imagePath: string, options: ReadPoolOptions = {}): Promise<SquashfsReadPool> {
    const pool = SquashfsReadPool.start(imagePath, options);
    try {
      await pool.ready;
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  /**
   * Starts the workers without waiting: requests can be queued at once (each worker handles
   * them once it has opened the image), so worker start-up overlaps the caller's own work.
   */
  static start(imagePath: string, options: ReadPoolOptions = {}): SquashfsReadPool {
    const requested = options.workers ?? availableParallelism();
    if (!isValidWorkerCount(requested)) {
      throw new RangeError(`workers: ${requested} is not a whole number from 0 to ${MAX_WORKERS}`);
    }
    const count = Math.max(1, workerThreads(requested));
    const workerData: ReadPoolWorkerData = { imagePath, open: options.open ?? {} };
    return new SquashfsReadPool(Array.from({ length: count }, () => startWorker(workerData)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** The whole file, decompressed in a worker. */
  async readFile(path: string): Promise<Uint8Array> {
    const reply = await this.request({ op: 'read', path });
    return reply.data ?? new Uint8Array(0);
  }

  /** Writes each job's file (created exclusively) with its metadata, in batches across the workers. */
  async extract(jobs: readonly ExtractJob[]): Promise<void> {
    const batches: ExtractJob[][] = [];
    let batch: ExtractJob[] = [];
    let bytes = 0;
    for (const job of jobs) {
      batch.push(job);
      bytes += job.size;
      if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) batches.push(batch);
    await Promise.all(batches.map((b) => this.request({ op: 'extract', jobs: b })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private request(req: Request): Promise<PoolReply & { ok: true }> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        req,
        resolve: (reply) => (reply.ok ? resolve(reply) : reject(reviveError(reply.error))),
      });
      this.pump();
    });
  }

  /**
   * Hands queued requests to workers with room. Requests are assigned on demand rather than
   * all at once, so a worker that drew heavy batches does not hold up one that is idle. A
   * worker with room keeps receiving consecutive requests: consecutive extraction batches share
   * fragment blocks, which a second worker would have to decompress again.
   */
  private pump(): void {
    for (;;) {
      const next = this.queue[0];
      if (next === undefined) return;
      let worker =
        this.lastWorker !== undefined && this.loadOf(this.lastWorker) < MAX_IN_FLIGHT ? this.lastWorker : undefined;
      if (worker === undefined) {
        for (const w of this.workers) if (worker === undefined || this.loadOf(w) < this.loadOf(worker)) worker = w;
      }
      if (worker === undefined || this.loadOf(worker) >= MAX_IN_FLIGHT) return;
      this.queue.shift();
      const id = this.nextId++;
      this.load.set(worker, this.loadOf(worker) + 1);
      this.lastWorker = worker;
      this.pending.set(id, { worker, resolve: next.resolve });
      worker.postMessage({ id, ...next.req } as PoolRequest);
    }
  }

  private loadOf(worker: Worker): number {
    return this.load.get(worker) ?? 0;
  }

  private settle(worker: Worker, reply: PoolReply): void {
    const p = this.pending.get(reply.id);
    if (p === undefined) return;
    this.pending.delete(reply.id);
    this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
    p.resolve(reply);
    this.pump();
  }

  private failWorker(worker: Worker, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      p.resolve({ id, ok: false, error: { type: 'other', message: `read pool worker failed: ${err.message}` } });
    }
  }
}
