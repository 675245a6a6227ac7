// Test helpers for calls that must fail: they hand back the error so tests can assert kinds and exact texts.

/** Runs fn, which must throw; returns what it threw, typed as the caller expects. */
export function thrown<E extends Error = Error & { kind?: string }>(fn: () => unknown): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err as E;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected an error, nothing was thrown');
}

/** Awaits a promise that must reject; returns the rejection. */
export async function rejection<E extends Error = Error>(promise: Promise<unknown> | (() => unknown)): Promise<E> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    if (err instanceof Error) return err as E;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection, the promise resolved');
}
