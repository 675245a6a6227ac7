// The dependency on another service (system.waitForService): `service "<id>" to be "up"`, or, while the service
// is not loaded yet, `service "<id>" to be registered` (looked up every 100 ms). Met the moment the service is in
// (or enters) one of the awaited state events.
import type { Clock } from '../../cosi/index.js';
import { goQuote } from '../../gofmt/index.js';
import { sleepFor } from '../abortable.js';
import type { Condition } from './condition.js';

/** `up`: Running (and healthy, if health-checked), Skipped, or Finished before v1.14.0-beta.1. `down`: ended. */
export type StateEvent = 'up' | 'down' | 'finished';

export interface ServiceStateSource {
  /** Resolves when the service is in, or next enters, a state matching one of the events. */
  waitForEvent(events: readonly StateEvent[], signal: AbortSignal): Promise<void>;
}

export interface ServiceLookup {
  lookup(id: string): ServiceStateSource | undefined;
}

/** How often a not-yet-registered dependency is looked up again. */
export const REGISTER_POLL_INTERVAL_MS = 100;

export class ServiceCondition implements Condition {
  #waitingRegister = false;

  constructor(
    private readonly services: ServiceLookup,
    private readonly clock: Clock,
    readonly service: string,
    private readonly events: readonly StateEvent[],
  ) {}

  describe(): string {
    if (this.#waitingRegister) return `service ${goQuote(this.service)} to be registered`;
    if (this.events.length === 1) return `service ${goQuote(this.service)} to be ${goQuote(this.events[0] as string)}`;
    return `service ${goQuote(this.service)} to be ${this.events.join('/')}`;
  }

  async wait(signal: AbortSignal): Promise<void> {
    let source = this.services.lookup(this.service);
    if (source === undefined) {
      this.#waitingRegister = true;
      while (source === undefined) {
        await sleepFor(this.clock, REGISTER_POLL_INTERVAL_MS, signal);
        source = this.services.lookup(this.service);
      }
      this.#waitingRegister = false;
    }
    await source.waitForEvent(this.events, signal);
  }
}
