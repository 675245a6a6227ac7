// A controller's reconcile event channel: capacity one, so any number of triggers while the
// controller is busy coalesce into a single pending reconcile. A wait can be abandoned through an
// AbortSignal: the abandoned waiter leaves its slot, so a later trigger is kept for the next wait
// instead of resolving a promise nobody awaits any more.

export class ReconcileSignal {
  #pending = false;
  #stopped = false;
  #waiter: ((event: boolean) => void) | undefined;

  /** Whether the controller is parked in next() with nothing pending. */
  get waiting(): boolean {
    return this.#waiter !== undefined;
  }

  get pending(): boolean {
    return this.#pending;
  }

  trigger(): void {
    if (this.#stopped) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter(true);
    } else {
      this.#pending = true;
    }
  }

  /** Resolves true at the next trigger, false once stopped; rejects with the signal's reason if it aborts first. */
  next(signal?: AbortSignal): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve(true);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
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

  stop(): void {
    this.#stopped = true;
    this.#pending = false;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(false);
  }
}
