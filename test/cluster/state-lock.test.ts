// The lock file of a kept cluster: one holder at a time, stale locks of dead processes broken, and a lock taken
// after another command found the old one stale never removed by that command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, breakStaleLock } from '../../src/cluster/state-lock.js';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talos-sim-lock-'));
  lock = join(dir, 'lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('kept cluster lock', () => {
  it('has one holder at a time, and is free again once released', async () => {
    const first = await acquireLock(lock);
    expect(first).toBeDefined();
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(await acquireLock(lock, 50)).toBeUndefined();
    first?.release();
    expect(existsSync(lock)).toBe(false);
    const second = await acquireLock(lock, 50);
    expect(second).toBeDefined();
    second?.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('breaks the lock of a process that is gone', async () => {
    writeFileSync(lock, String(deadPid()));
    const held = await acquireLock(lock, 50);
    expect(held).toBeDefined();
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    held?.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a lock that was taken after it was found stale, as a second command finding it stale must', async () => {
    writeFileSync(lock, String(deadPid()));
    // the first command breaks the stale lock and takes it…
    const held = await acquireLock(lock, 50);
    // …and the second, which had found the same stale lock, breaks what is there now
    breakStaleLock(lock);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(await acquireLock(lock, 50)).toBeUndefined();
    held?.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("does not remove another holder's lock when released", async () => {
    const held = await acquireLock(lock);
    rmSync(lock);
    writeFileSync(lock, '1'); // init's pid: always alive
    held?.release();
    expect(readFileSync(lock, 'utf8')).toBe('1');
  });
});
