// The controller engine (cosi runtime.Runtime): registers controllers against the dependency
// database, watches every input kind, wakes dependent controllers (coalesced), runs each
// controller's loop and restarts failed ones after an exponential backoff on the injected clock.
import type { Subscription } from 'rxjs';
import { formatGoDuration } from '../../gofmt/index.js';
import type { Clock } from '../clock/clock.js';
import type { Random } from '../clock/random.js';
import { flushMicrotasks } from '../clock/virtual-clock.js';
import type { Logger } from '../logger.js';
import type { State } from '../state/state.js';
import type { StateEvent } from '../state/state-event.js';
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

interface Entry {
  readonly controller: Controller;
  readonly adapter: ControllerAdapter;
  readonly backoff: ExponentialBackoff;
  status: ControllerStatus;
  failures: number;
  lastError: Error | undefined;
  loop: Promise<void> | undefined;
}

export class ControllerRuntime {
  readonly #opts: ControllerRuntimeOptions;
  readonly #depDb = new DependencyDatabase();
  readonly #entries = new Map<string, Entry>();
  readonly #watches = new Map<string, Subscription>();
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

  /** Stops every controller (their runtimes' signals abort) and waits for the loops to end. */
  async stop(): Promise<void> {
    this.#abort.abort();
    for (const entry of this.#entries.values()) entry.adapter.stop();
    for (const subscription of this.#watches.values()) subscription.unsubscribe();
    this.#watches.clear();
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
    return e.status !== 'running' || e.adapter.parked;
  }

  #syncWatches(): void {
    if (!this.#started || this.#abort.signal.aborted) return;
    for (const kind of this.#depDb.watchedKinds()) {
      const key = `${kind.namespace}\u0000${kind.type}`;
      if (this.#watches.has(key)) continue;
      this.#watches.set(
        key,
        this.#opts.state.watchKind(kind).subscribe({
          next: (event) => this.#deliver(event),
          error: (err: unknown) =>
            this.#opts.logger.log('error', 'controller runtime watch error', { error: String(err) }),
        }),
      );
    }
  }

  #deliver(event: StateEvent): void {
    const md = event.resource.metadata;
    const destroyReady = md.phase === 'tearingDown' && md.finalizers.length === 0;
    for (const { controller, input } of this.#depDb.dependents(md.namespace, md.type, md.id)) {
      if (input.kind === 'destroyReady' && !destroyReady) continue;
      this.#entries.get(controller)?.adapter.queueReconcile();
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
