// A lock file for kept cluster state, holding the owner's pid: written under a private name, then hard-linked to the
// lock path (link fails if the lock exists), so the lock never exists without its pid in it. A lock whose owner is
// gone is broken; a live one is waited for (a bounded time) before giving up.
//
// Breaking a stale lock renames it to a private name first and looks again at what it moved: two commands that both
// found the same stale lock must not remove the lock one of them has taken since (the first removes the stale file,
// takes the lock, and the second, finding a live owner in what it moved, puts that lock back).
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface HeldLock {
  release(): void;
}

function ownerOf(path: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    return undefined;
  }
}

function ownerAlive(path: string): boolean {
  const pid = ownerOf(path);
  if (pid === undefined) return true; // being written right now: treat as held
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** Removes the lock at `path` when its owner is gone; a live lock found in its place is left (or put back) there. */
export function breakStaleLock(path: string): void {
  const moved = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, moved);
  } catch (err) {
    if (code(err) === 'ENOENT') return; // released or broken by someone else meanwhile
    throw err;
  }
  try {
    if (!ownerAlive(moved)) return;
    // another command took the lock after this one found it stale: it is that command's, put it back
    try {
      linkSync(moved, path);
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    }
  } finally {
    rmSync(moved, { force: true });
  }
}

/** Takes the lock at `path`, waiting up to `waitMs` for another holder; undefined if it stays held. */
export async function acquireLock(path: string, waitMs = 30_000): Promise<HeldLock | undefined> {
  const deadline = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    const mine = `${path}.${process.pid}`;
    try {
      writeFileSync(mine, String(process.pid), { mode: 0o600 });
      linkSync(mine, path);
      let held = true;
      return {
        release: () => {
          // only this process's lock: never one that was broken and taken by another command meanwhile
          if (held && ownerOf(path) === process.pid) rmSync(path, { force: true });
          held = false;
        },
      };
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    } finally {
      rmSync(mine, { force: true });
    }
    if (!ownerAlive(path)) {
      breakStaleLock(path);
      continue;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, delay));
  }
}
