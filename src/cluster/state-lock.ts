// A lock file for kept cluster state, holding its owner's pid and a token of its own: written under a private name,
// then hard-linked to the lock path (link fails if the lock exists), so the lock never exists without its owner in
// it. A live owner's lock is waited for (a bounded time) before giving up; a stale one is broken.
//
// A lock is stale when its process is gone, or when it names this process with a token this process does not hold
// (a pid reused by a later run, as every run is pid 1 in some containers). Breakers take turns through a second
// file, `<lock>.break`, made exclusively: under it the lock is looked at again and removed only if still stale, so
// two commands that found the same stale lock cannot remove the lock one of them has taken since.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

export interface HeldLock {
  release(): void;
}

/** The locks this process holds: path → token. */
const held = new Map<string, string>();

/** A `.break` file older than this was left by a breaker that died (breaking takes microseconds). */
const STALE_BREAK_MS = 5_000;

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

interface Owner {
  readonly pid: number;
  readonly token: string | undefined;
}

function ownerOf(path: string): Owner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, token] = text.trim().split(' ');
  return { pid: Number.parseInt(pid ?? '', 10), token };
}

/** Whether the lock at `path` is stale; a lock being written right now (unreadable) is not. */
function stale(path: string): boolean {
  const owner = ownerOf(path);
  if (owner === undefined) return false;
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return true;
  if (owner.pid === process.pid) return owner.token === undefined || held.get(path) !== owner.token;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return code(err) !== 'EPERM';
  }
}

/** Removes the lock at `path` if it is stale, taking turns with other breakers; false when it was not its turn. */
export function breakStaleLock(path: string): boolean {
  const turn = `${path}.break`;
  try {
    writeFileSync(turn, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if (code(err) !== 'EEXIST') throw err;
    // another breaker's turn; one that died holding it is cleared, and the lock looked at again next round
    try {
      if (Date.now() - statSync(turn).mtimeMs > STALE_BREAK_MS) rmSync(turn, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    if (stale(path)) rmSync(path, { force: true });
  } finally {
    rmSync(turn, { force: true });
  }
  return true;
}

/**
 * Takes the lock at `path`, waiting up to `waitMs` for another holder; undefined if it stays held (at once when
 * this process holds it already: waiting for itself would never end).
 */
export async function acquireLock(path: string, waitMs = 30_000): Promise<HeldLock | undefined> {
  const deadline = Date.now() + waitMs;
  const token = randomBytes(8).toString('hex');
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    if (held.has(path)) return undefined;
    const mine = `${path}.${process.pid}.${token}`;
    try {
      writeFileSync(mine, `${process.pid} ${token}`, { mode: 0o600 });
      linkSync(mine, path);
      held.set(path, token);
      return {
        release: () => {
          if (held.get(path) !== token) return;
          held.delete(path);
          // only this lock: never one that was broken and taken by another command meanwhile
          if (ownerOf(path)?.token === token) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    } finally {
      rmSync(mine, { force: true });
    }
    if (stale(path) && breakStaleLock(path)) continue;
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, delay));
  }
}
