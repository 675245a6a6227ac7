// One service's life (system.ServiceRunner): its state and event history, state-event subscriptions for the
// services that depend on it, and one start sequence — Starting, Waiting (re-described every second while the
// condition is pending), Preparing (pre stage, runner creation), the run, the post stage — ending in the error
// the supervisor turns into Finished, Skipped or Failed.
import type { Clock } from '../cosi/index.js';
import { ABANDONED, ABORTED, raceAbort, settle } from './abortable.js';
import type { Condition } from './conditions/condition.js';
import type { ServiceLookup, StateEvent } from './conditions/service-condition.js';
import { ServiceCondition } from './conditions/service-condition.js';
import { waitForAll } from './conditions/wait-for-all.js';
import type { PidRecorder, Runner } from './runner/runner.js';
import type { ServiceDefinition } from './service-definition.js';
import { errorText, ServiceError } from './service-error.js';
import { type ServiceEvent, ServiceEventRing, type ServiceHealth, UNKNOWN_HEALTH } from './service-event.js';
import type { ServiceReleaseFacts } from './service-release.js';
import type { ServiceState } from './service-state.js';

/** system.WaitConditionCheckInterval. */
export const WAIT_CONDITION_CHECK_INTERVAL_MS = 1000;

/** Returned by run() for a service without a runner (system.ErrSkip). */
export const SKIPPED = Symbol('service skipped');

export interface ServiceRunnerContext {
  readonly clock: Clock;
  readonly release: ServiceReleaseFacts;
  readonly services: ServiceLookup;
  readonly recordPid: PidRecorder;
  /** Called for every event, after it is in the history. */
  readonly onEvent: (id: string, event: ServiceEvent) => void;
}

interface Subscriber {
  readonly events: readonly StateEvent[];
  readonly notify: () => void;
}

export class ServiceRunner {
  #state: ServiceState = 'Initialized';
  #health: ServiceHealth = UNKNOWN_HEALTH;
  readonly #events = new ServiceEventRing();
  readonly #subscribers = new Set<Subscriber>();
  #abort: AbortController | undefined;
  /** A stop requested while not running stays pending and cancels the next start (Go's buffered stopCh). */
  #pendingStop = false;

  constructor(
    readonly service: ServiceDefinition,
    private readonly ctx: ServiceRunnerContext,
  ) {}

  get id(): string {
    return this.service.id;
  }

  get state(): ServiceState {
    return this.#state;
  }

  get health(): ServiceHealth {
    return this.#health;
  }

  /** The last `count` events (at most 64), oldest first. */
  events(count?: number): ServiceEvent[] {
    return this.#events.get(count);
  }

  /** Whether its event ring has pushed none out (what a checkpoint can copy). */
  get allEventsKept(): boolean {
    return this.#events.discarded === 0;
  }

  /** Takes the state, health and events of another runner of the same service, without recording a change. */
  restore(from: {
    readonly state: ServiceState;
    readonly health: ServiceHealth;
    readonly events: readonly ServiceEvent[];
  }): void {
    this.#state = from.state;
    this.#health = from.health;
    for (const event of from.events) this.#events.push(event);
  }

  updateState(state: ServiceState, message: string): void {
    // frozen, as the health in it: list() and get() hand them out, and callers must not change what the node reports
    const event: ServiceEvent = Object.freeze({
      state,
      message,
      timestamp: this.ctx.clock.now(),
      health: this.#health,
    });
    this.#state = state;
    this.#events.push(event);
    this.ctx.onEvent(this.id, event);
    this.#notify();
  }

  /** Sets the health of a health-checked service (host services); may make it "up". */
  setHealth(health: ServiceHealth): void {
    this.#health = Object.freeze({ ...health });
    this.#notify();
  }

  inState(event: StateEvent): boolean {
    switch (event) {
      case 'up':
        if (this.#state === 'Skipped') return true;
        if (this.#state === 'Finished') return this.ctx.release.finishedCountsAsUp;
        if (this.#state !== 'Running') return false;
        return !this.service.healthChecked || (!this.#health.unknown && this.#health.healthy);
      case 'down':
        return this.#state === 'Failed' || this.#state === 'Finished' || this.#state === 'Skipped';
      case 'finished':
        return this.#state === 'Finished';
    }
  }

  /** Resolves when the service is in, or next enters, a state matching one of the events. */
  waitForEvent(events: readonly StateEvent[], signal: AbortSignal): Promise<void> {
    // Go selects at random between a done context and an immediate notification; cancellation wins here
    if (signal.aborted) return Promise.reject(ServiceError.canceled());
    if (events.some((e) => this.inState(e))) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sub: Subscriber = {
        events,
        notify: () => {
          this.#subscribers.delete(sub);
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#subscribers.delete(sub);
        reject(ServiceError.canceled());
      };
      if (signal.aborted) {
        reject(ServiceError.canceled());
        return;
      }
      this.#subscribers.add(sub);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #notify(): void {
    for (const sub of [...this.#subscribers]) {
      if (sub.events.some((e) => this.inState(e))) sub.notify();
    }
  }

  /** Asks the current start sequence to end (svcrunner.Shutdown); pending until the next start if none runs. */
  shutdown(): void {
    if (this.#abort !== undefined && !this.#abort.signal.aborted) this.#abort.abort();
    else this.#pendingStop = true;
  }

  /**
   * One start sequence. Resolves when it ends cleanly (or with SKIPPED); rejects with the Go error text that the
   * supervisor upper-cases into the Failed event. `started` is called once Starting is recorded.
   * @internal Driven by the supervisor only.
   */
  async run(started: () => void): Promise<typeof SKIPPED | undefined> {
    const abort = new AbortController();
    this.#abort = abort;
    if (this.#pendingStop) {
      this.#pendingStop = false;
      abort.abort();
    }
    const signal = abort.signal;
    try {
      this.updateState('Starting', 'Starting service');
      started();
      return await this.#sequence(signal);
    } finally {
      this.#abort = undefined;
    }
  }

  async #sequence(signal: AbortSignal): Promise<typeof SKIPPED | undefined> {
    const clean = this.ctx.release.cleanStopWhileWaiting;
    let condition = this.service.condition();
    const deps = this.service.dependsOn();
    if (deps.length > 0) {
      const serviceConditions = deps.map((d) => new ServiceCondition(this.ctx.services, this.ctx.clock, d, ['up']));
      condition = waitForAll(waitForAll(...serviceConditions), condition);
    }
    if (condition !== undefined) {
      try {
        await this.#waitFor(condition, signal);
      } catch (err) {
        if (clean && signal.aborted) return undefined;
        throw ServiceError.failed(`condition failed: ${errorText(err)}`);
      }
    }
    this.updateState('Preparing', 'Running pre state');
    try {
      await this.service.preFunc(signal);
    } catch (err) {
      if (clean && signal.aborted) return undefined;
      throw ServiceError.failed(`failed to run pre stage: ${errorText(err)}`);
    }
    this.updateState('Preparing', 'Creating service runner');
    let runner: Runner | undefined;
    try {
      runner = await this.service.runner();
    } catch (err) {
      throw ServiceError.failed(`failed to create runner: ${errorText(err)}`);
    }
    try {
      if (runner === undefined) return SKIPPED;
      try {
        await this.#runRunner(runner, signal);
      } catch (err) {
        throw ServiceError.failed(`failed running service: ${errorText(err)}`);
      }
      return undefined;
    } finally {
      try {
        await this.service.postFunc(this.#state);
      } catch (err) {
        this.updateState('Failed', `Failed to run post stage: ${errorText(err)}`);
      }
    }
  }

  async #waitFor(condition: Condition, signal: AbortSignal): Promise<void> {
    let description = condition.describe();
    this.updateState('Waiting', `Waiting for ${description}`);
    const done = settle(condition.wait(signal));
    for (;;) {
      const tick = new AbortController();
      const ticked = this.ctx.clock.sleep(WAIT_CONDITION_CHECK_INTERVAL_MS, tick.signal).then(
        () => true,
        () => false,
      );
      const first = await Promise.race([done, ticked]);
      tick.abort(ABANDONED);
      if (first !== true && first !== false) {
        if (!first.ok) throw first.error;
        return;
      }
      const next = condition.describe();
      if (next !== description && next !== '') {
        description = next;
        this.updateState('Waiting', `Waiting for ${description}`);
      }
    }
  }

  async #runRunner(runner: Runner, signal: AbortSignal): Promise<void> {
    try {
      await runner.open();
    } catch (err) {
      throw ServiceError.failed(`error opening runner: ${errorText(err)}`);
    }
    try {
      const sink = (state: ServiceState, message: string): void => this.updateState(state, message);
      const run = settle(runner.run(sink, this.ctx.recordPid));
      const first = await raceAbort(run, signal);
      if (first === ABORTED) {
        const stopped = await settle(runner.stop());
        await run;
        if (!stopped.ok) throw ServiceError.failed(`error stopping service: ${errorText(stopped.error)}`);
        return;
      }
      if (!first.ok) throw ServiceError.failed(`error running service: ${errorText(first.error)}`);
    } finally {
      await runner.close().catch(() => {});
    }
  }
}
