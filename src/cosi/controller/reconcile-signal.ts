// A controller's reconcile event channel: capacity one, so any number of triggers while the
// controller is busy coalesce into a single pending reconcile. A parked controller is woken on the
// next turn of the event loop, not at once, so a burst of writes (a controller writing one resource
// after another) costs its dependents one reconcile, as it would a cosi controller that was still
// busy, instead of one each: at boot files.CRIConfigPartsController ran 13 times, once per
// EtcFileStatus, for 2 distinct results. A wait can be abandoned through an AbortSignal: the
// abandoned waiter leaves its slot, so a later trigger is kept for the next wait instead of
// resolving a promise nobody awaits any more.

export class ReconcileSignal {
  #pending = false;
  #stopped = false;
  #waiter: ((event: boolean) => void) | undefined;

  /** @param nextTurn schedules the wake of a parked controller (its clock's onNextTurn, or setImmediate). */
  constructor(private readonly nextTurn: (fn: () => void) => void = setImmediate) {}

  /** Whether the controller waits in next() (with a trigger pending, it is about to be woken). */
  get waiting(): boolean {
    return this.#waiter !== undefined;
  }

  get pending(): boolean {
    return this.#pending;
  }

  trigger(): void {
    if (this.#stopped || this.#pending) return;
    this.#pending = true;
    if (this.#waiter !== undefined) this.nextTurn(() => this.#wake());
  }

  /** Hands a pending trigger to the waiter, unless the wait was abandoned or the signal stopped meanwhile. */
  #wake(): void {
    const waiter = this.#waiter;
    if (waiter === undefined || !this.#pending || this.#stopped) return;
    this.#waiter = undefined;
    this.#pending = false;
    waiter(true);
  }

  /**
   * Resolves true at the next trigger, false once stopped; rejects with the signal's reason if it aborts first. A
   * trigger already pending is handed over on the next turn too, never at once: two controllers that trigger each
   * other while both are busy would otherwise run on microtasks alone, and nothing else (no timer, no settle() that
   * could report them) would ever run again.
   */
  next(signal?: AbortSignal): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#pending) this.nextTurn(() => this.#wake());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (this.#waiter === waiter) this.#waiter = undefined;
        reject(signal?.reason);
      };
      const waiter = (event: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(event);
      };
      this.#waiter = waiter;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Drops a trigger not handed over yet (a resumed controller continues parked instead of reconciling). */
  discard(): void {
    this.#pending = false;
  }

  stop(): void {
    this.#stopped = true;
    this.#pending = false;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(false);
  }
}
