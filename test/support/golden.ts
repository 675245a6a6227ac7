// Byte-exact comparison with golden files under test/fixtures; UPDATE_GOLDEN=1 rewrites them
// (deliberate updates only: review the diff).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** `relativePath` is under test/fixtures, e.g. `cli/get-rd.txt`. */
export function expectGolden(relativePath: string, actual: string): void {
  const path = join(FIXTURES, relativePath);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
