// The lock file of a kept cluster: one holder at a time, stale locks broken (a dead process's, or one naming this
// process that it does not hold), breakers taking turns, and a lock taken since never removed by a breaker.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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

const owner = () => readFileSync(lock, 'utf8').split(' ')[0];

describe('kept cluster lock', () => {
  it('has one holder at a time, and is free again once released', async () => {
    const first = await acquireLock(lock);
    expect(first).toBeDefined();
    expect(owner()).toBe(String(process.pid));
    // held by this very process: busy at once (waiting for itself would never end; the default wait is 30 s)
    expect(await acquireLock(lock)).toBeUndefined();
    first?.release();
    expect(existsSync(lock)).toBe(false);
    const second = await acquireLock(lock, 50);
    expect(second).toBeDefined();
    second?.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('breaks the lock of a process that is gone, and one naming this process that it does not hold (a reused pid)', async () => {
    for (const stale of [`${deadPid()} 0123`, String(deadPid()), `${process.pid} 4567`, String(process.pid)]) {
      writeFileSync(lock, stale);
      const held = await acquireLock(lock, 50);
      expect(held, stale).toBeDefined();
      expect(owner()).toBe(String(process.pid));
      held?.release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('waits for a live holder, and gives up after the wait', async () => {
    writeFileSync(lock, `${process.ppid} 89ab`);
    const started = Date.now();
    expect(await acquireLock(lock, 200)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.ppid} 89ab`);
  });

  it('leaves a lock that was taken after it was found stale, as a second command finding it stale must', async () => {
    writeFileSync(lock, String(deadPid()));
    // the first command breaks the stale lock and takes it…
    const held = await acquireLock(lock, 50);
    const taken = readFileSync(lock, 'utf8');
    // …and the second, which had found the same stale lock, tries to break what is there now
    expect(breakStaleLock(lock)).toBe(true);
    expect(readFileSync(lock, 'utf8')).toBe(taken);
    held?.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("takes turns with other breakers; a dead breaker's turn is cleared after a while", () => {
    writeFileSync(lock, String(deadPid()));
    writeFileSync(`${lock}.break`, '1');
    expect(breakStaleLock(lock)).toBe(false);
    expect(existsSync(lock)).toBe(true);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(`${lock}.break`, old, old);
    expect(breakStaleLock(lock)).toBe(false); // clears the dead breaker's turn
    expect(breakStaleLock(lock)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("does not remove another holder's lock when released", async () => {
    const held = await acquireLock(lock);
    rmSync(lock);
    writeFileSync(lock, `${process.ppid} cdef`);
    held?.release();
    expect(readFileSync(lock, 'utf8')).toBe(`${process.ppid} cdef`);
  });
});
