// The controller engine (cosi runtime.Runtime): registers controllers against the dependency
// database, watches every input kind, wakes dependent controllers (coalesced), runs each
// controller's loop and restarts failed ones after an exponential backoff on the injected clock.
import { formatGoDuration } from '../../gofmt/index.js';
import type { Clock } from '../clock/clock.js';
import type { Random } from '../clock/random.js';
import { flushMicrotasks } from '../clock/virtual-clock.js';
import type { Logger } from '../logger.js';
import type { Resource } from '../resource/resource.js';
import type { State } from '../state/state.js';
import type { Controller } from './controller.js';
import { ControllerAdapter } from './controller-adapter.js';
import { ControllerError, controllerErrors } from './controller-error.js';
import { DependencyDatabase, type DependencyEdge } from './dependency-database.js';
import { type BackoffSettings, DEFAULT_BACKOFF, ExponentialBackoff } from './exponential-backoff.js';

export interface ControllerRuntimeOptions {
  readonly state: State;
  readonly clock: Clock;
  /** Jitter of restart backoffs. */
  readonly random: Random;
  readonly logger: Logger;
  /** Default: cosi's (500 ms ×1.5 ±50 %, max 60 s). */
  readonly backoff?: BackoffSettings;
}

/** Where a controller's loop is: running a reconcile, parked, waiting to restart, or done. */
export type ControllerStatus = 'registered' | 'running' | 'backoff' | 'finished' | 'stopped';

export interface ControllerInfo {
  readonly name: string;
  readonly status: ControllerStatus;
  /** Times Run failed (rejected). */
  readonly failures: number;
  readonly lastError: Error | undefined;
}

/** Where one parked controller is, for a runtime that continues from it (see ControllerRuntime.checkpoint). */
export interface ControllerCheckpoint {
  readonly name: string;
  readonly status: 'running' | 'finished';
  /** What the controller keeps itself (Controller.checkpoint), if anything. */
  readonly memory: unknown;
}

interface Entry {
  readonly controller: Controller;
  readonly adapter: ControllerAdapter;
  readonly backoff: ExponentialBackoff;
  status: ControllerStatus;
  failures: number;
  lastError: Error | undefined;
  loop: Promise<void> | undefined;
  /** Resumed and not woken yet: its loop starts when its first event comes (a parked loop costs memory). */
  dormant: boolean;
}

export class ControllerRuntime {
  readonly #opts: ControllerRuntimeOptions;
  readonly #depDb = new DependencyDatabase();
  readonly #entries = new Map<string, Entry>();
  /** Input watches by kind: how each is closed. */
  readonly #watches = new Map<string, () => void>();
  readonly #abort = new AbortController();
  #started = false;

  constructor(opts: ControllerRuntimeOptions) {
    this.#opts = opts;
  }

  /** Registers a controller; its first reconcile is queued at once. Throws ControllerError with cosi's texts. */
  registerController(controller: Controller): void {
    const name = controller.name;
    if (this.#entries.has(name)) throw controllerErrors.alreadyRegistered(name);
    const outputs = [...controller.outputs()];
    const db = this.#depDb;
    db.register(name, outputs, controller.inputs());

    const backoff = new ExponentialBackoff(this.#opts.random, this.#opts.backoff ?? DEFAULT_BACKOFF);
    const adapter = new ControllerAdapter(
      name,
      outputs,
      this.#opts.state,
      db,
      backoff,
      this.#abort.signal,
      () => this.#syncWatches(),
      this.#opts.clock,
    );
    const entry: Entry = {
      controller,
      adapter,
      backoff,
      status: 'registered',
      failures: 0,
      lastError: undefined,
      loop: undefined,
      dormant: false,
    };
    this.#entries.set(name, entry);
    adapter.queueReconcile();
    if (this.#started) {
      this.#syncWatches();
      entry.loop = this.#runLoop(entry);
    }
  }

  /** Opens the input watches and starts every controller loop. */
  start(): void {
    if (this.#started) throw controllerErrors.alreadyStarted();
    this.#started = true;
    this.#syncWatches();
    for (const entry of this.#entries.values()) entry.loop = this.#runLoop(entry);
  }

  /**
   * Where every controller is, when each is parked with nothing scheduled and none ever failed: what a runtime of
   * new instances of the same controllers over a copy of the state continues from (resume()). Undefined when the
   * runtime is not in such a place (a controller busy, in backoff, sleeping, with a requeue, or having failed).
   */
  checkpoint(): readonly ControllerCheckpoint[] | undefined {
    if (!this.#started || this.#abort.signal.aborted) return undefined;
    const out: ControllerCheckpoint[] = [];
    for (const e of this.#entries.values()) {
      if (e.failures > 0 || !e.adapter.quiet) return undefined;
      if (e.status === 'running' && (e.dormant || e.adapter.parked)) {
        out.push({ name: e.controller.name, status: 'running', memory: e.controller.checkpoint?.() });
      } else if (e.status === 'finished') {
        out.push({ name: e.controller.name, status: 'finished', memory: undefined });
      } else {
        return undefined;
      }
    }
    return out;
  }

  /**
   * start() for a runtime whose state is a copy of the checkpointed one's: the controllers, registered in the same
   * order, continue where those were (parked, or finished) instead of running a first reconcile.
   */
  resume(checkpoint: readonly ControllerCheckpoint[]): void {
    if (this.#started) throw controllerErrors.alreadyStarted();
    const entries = [...this.#entries.values()];
    if (entries.length !== checkpoint.length || entries.some((e, i) => e.controller.name !== checkpoint[i]?.name)) {
      throw new ControllerError('runtime', 'cannot resume: the controllers differ from the checkpoint');
    }
    this.#started = true;
    this.#syncWatches();
    for (const [i, entry] of entries.entries()) {
      const at = checkpoint[i] as ControllerCheckpoint;
      entry.adapter.reconcile.discard();
      if (at.status === 'finished') {
        entry.status = 'finished';
        continue;
      }
      entry.controller.resume?.(at.memory);
      entry.status = 'running';
      if (entry.controller.actsBeforeFirstEvent === true) entry.loop = this.#runLoop(entry);
      else entry.dormant = true;
    }
  }

  /** Stops every controller (their runtimes' signals abort) and waits for the loops to end. */
  async stop(): Promise<void> {
    this.#abort.abort();
    for (const entry of this.#entries.values()) entry.adapter.stop();
    for (const close of this.#watches.values()) close();
    this.#watches.clear();
    for (const e of this.#entries.values()) {
      if (!e.dormant) continue;
      e.dormant = false;
      e.status = 'stopped';
    }
    await Promise.all([...this.#entries.values()].map((e) => e.loop));
  }

  /**
   * Resolves once no controller has work to do: each is parked waiting for an event, waiting
   * for its restart timer, or done. Timers are not advanced.
   */
  async settle(maxRounds = 10_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await flushMicrotasks();
      if ([...this.#entries.values()].every((e) => this.#idle(e))) return;
    }
    const busy = [...this.#entries.values()].filter((e) => !this.#idle(e)).map((e) => e.controller.name);
    throw new ControllerError('runtime', `controllers did not settle: ${busy.join(', ')}`);
  }

  /** Whether every controller is parked (waiting for an event, sleeping on the clock, in backoff) or done. */
  get idle(): boolean {
    for (const entry of this.#entries.values()) if (!this.#idle(entry)) return false;
    return true;
  }

  controllers(): ControllerInfo[] {
    return [...this.#entries.values()]
      .map((e) => ({ name: e.controller.name, status: e.status, failures: e.failures, lastError: e.lastError }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  dependencyGraph(): DependencyEdge[] {
    return this.#depDb.export();
  }

  #idle(e: Entry): boolean {
    return e.dormant || e.status !== 'running' || e.adapter.parked;
  }

  #syncWatches(): void {
    if (!this.#started || this.#abort.signal.aborted) return;
    for (const kind of this.#depDb.watchedKinds()) {
      const key = `${kind.namespace}\u0000${kind.type}`;
      if (this.#watches.has(key)) continue;
      // events as stored, inside the write, where the state offers it: the runtime only reads their metadata
      const failed = (err: unknown) =>
        this.#opts.logger.log('error', 'controller runtime watch error', { error: String(err) });
      const close = this.#opts.state.listenToKind(
        kind,
        (events) => {
          for (const event of events) this.#deliver(event.resource);
        },
        failed,
      );
      if (close !== undefined) {
        this.#watches.set(key, close);
        continue;
      }
      const subscription = this.#opts.state.watchKind(kind).subscribe({
        next: (event) => this.#deliver(event.resource),
        error: failed,
      });
      this.#watches.set(key, () => subscription.unsubscribe());
    }
  }

  #deliver(resource: Resource): void {
    const md = resource.metadata;
    const destroyReady = md.phase === 'tearingDown' && md.finalizers.length === 0;
    for (const { controller, input } of this.#depDb.dependents(md.namespace, md.type, md.id)) {
      if (input.kind === 'destroyReady' && !destroyReady) continue;
      const entry = this.#entries.get(controller);
      if (entry === undefined) continue;
      if (entry.dormant) {
        entry.dormant = false;
        entry.loop = this.#runLoop(entry);
      }
      entry.adapter.queueReconcile();
    }
  }

  async #runLoop(entry: Entry): Promise<void> {
    const { controller, adapter } = entry;
    const signal = this.#abort.signal;
    const logger = this.#opts.logger.with({ controller: controller.name });
    while (!signal.aborted) {
      entry.status = 'running';
      let failure: Error | undefined;
      try {
        logger.log('debug', 'controller starting');
        await controller.run(adapter, logger);
      } catch (err) {
        failure = err instanceof Error ? err : controllerErrors.panicked(controller.name, err);
      }
      adapter.resetTracking();
      if (signal.aborted) break;
      if (failure === undefined) {
        logger.log('debug', 'controller finished');
        entry.status = 'finished';
        return;
      }
      entry.failures++;
      entry.lastError = failure;
      logger.log('error', 'controller failed', { error: failure.message });
      const delay = entry.backoff.next();
      logger.log('debug', `restarting controller in ${formatGoDuration(delay)}`);
      entry.status = 'backoff';
      try {
        await this.#opts.clock.sleep(delay, signal);
      } catch {
        break;
      }
      adapter.queueReconcile();
    }
    entry.status = 'stopped';
  }
}
