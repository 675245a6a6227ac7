// A controller's reconcile event channel: capacity one, so any number of triggers while the
// controller is busy coalesce into a single pending reconcile.

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

  next(): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      this.#waiter = resolve;
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
