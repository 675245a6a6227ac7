// Waiting on the injected clock with Go's context semantics: a cancelled wait rejects with ServiceError `canceled`
// (context.Canceled) and leaves no timer behind.
import type { Clock } from '../cosi/index.js';
import { ServiceError } from './service-error.js';

/** Sleeps on the clock; rejects with `canceled` when the signal aborts first. */
export async function sleepFor(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  try {
    await clock.sleep(ms, signal);
  } catch {
    throw ServiceError.canceled();
  }
}

/** Resolves when the signal aborts (immediately if it already has). For one-shot signals only: see raceAbort. */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export const ABORTED: unique symbol = Symbol('aborted');

/** The reason internal waits are abandoned with: a shared value, not a DOMException built (stack and all) per abort. */
export const ABANDONED = Object.freeze({ abandoned: true });

/**
 * The promise's value, or ABORTED if the signal aborts first. The listener is removed as soon as the promise
 * settles, so a long-lived signal raced again and again (a restart loop's stop) does not collect listeners.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const onAbort = (): void => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Rejects with `canceled` when the signal aborts before the promise settles. */
export function cancellable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(ServiceError.canceled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(ServiceError.canceled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** A promise that never rejects, for racing work against a stop request. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
