// Test helper: runs a function that must throw and returns the error, so tests can assert kinds and exact texts.

export function thrown(fn: () => unknown): Error & { kind?: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected an error, nothing was thrown');
}
