// Network and time readiness as the node reports them (the NetworkStatus and TimeStatus resources upstream): the
// host can hold each back and release it; `network` and `time sync` conditions wait for them. Everything is ready
// unless held.
import { cancellable } from '../abortable.js';
import type { Condition } from './condition.js';

/** NetworkStatus checks, keyed as the `network:` dependency names them. */
export interface NetworkReadinessState {
  readonly addresses: boolean;
  readonly connectivity: boolean;
  readonly hostname: boolean;
  readonly etcfiles: boolean;
}

export type NetworkCheck = keyof NetworkReadinessState;

/** nethelpers.Status value → the check it waits for. */
export const NETWORK_CHECKS: Readonly<Record<number, NetworkCheck>> = {
  1: 'addresses',
  2: 'connectivity',
  3: 'hostname',
  4: 'etcfiles',
};

export class Readiness {
  #network: NetworkReadinessState;
  #timeSynced: boolean;
  readonly #listeners = new Set<() => void>();

  constructor(init: { readonly network?: Partial<NetworkReadinessState>; readonly timeSynced?: boolean } = {}) {
    this.#network = { addresses: true, connectivity: true, hostname: true, etcfiles: true, ...init.network };
    this.#timeSynced = init.timeSynced ?? true;
  }

  get network(): NetworkReadinessState {
    return this.#network;
  }

  get timeSynced(): boolean {
    return this.#timeSynced;
  }

  /** Sets some network checks (false holds them back, true releases them). */
  setNetwork(checks: Partial<NetworkReadinessState>): void {
    this.#network = { ...this.#network, ...checks };
    this.#notify();
  }

  holdNetwork(): void {
    this.setNetwork({ addresses: false, connectivity: false, hostname: false, etcfiles: false });
  }

  releaseNetwork(): void {
    this.setNetwork({ addresses: true, connectivity: true, hostname: true, etcfiles: true });
  }

  setTimeSynced(synced: boolean): void {
    this.#timeSynced = synced;
    this.#notify();
  }

  /** Resolves once the predicate holds (checked now and after every change). */
  until(predicate: (r: Readiness) => boolean, signal: AbortSignal): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    let listener: (() => void) | undefined;
    const met = new Promise<void>((resolve) => {
      listener = () => {
        if (predicate(this)) resolve();
      };
      this.#listeners.add(listener);
    });
    const cleanup = (): void => {
      if (listener !== undefined) this.#listeners.delete(listener);
    };
    return cancellable(met, signal).finally(cleanup);
  }

  #notify(): void {
    for (const l of [...this.#listeners]) l();
  }
}

/** network.ReadyCondition: described as `network`. */
export class NetworkCondition implements Condition {
  constructor(
    private readonly readiness: Readiness,
    private readonly checks: readonly NetworkCheck[],
  ) {}

  describe(): string {
    return 'network';
  }

  wait(signal: AbortSignal): Promise<void> {
    return this.readiness.until((r) => this.checks.every((c) => r.network[c]), signal);
  }
}

/** time.SyncCondition: described as `time sync`. */
export class TimeSyncCondition implements Condition {
  constructor(private readonly readiness: Readiness) {}

  describe(): string {
    return 'time sync';
  }

  wait(signal: AbortSignal): Promise<void> {
    return this.readiness.until((r) => r.timeSynced, signal);
  }
}
