// A lock file for kept cluster state, holding the owner's pid: written under a private name, then hard-linked to the
// lock path (link fails if the lock exists), so the lock never exists without its pid in it. A lock whose owner is
// gone is broken; a live one is waited for (a bounded time) before giving up.
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface HeldLock {
  release(): void;
}

function ownerAlive(path: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    return true; // being written right now: treat as held
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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
          if (held) rmSync(path, { force: true });
          held = false;
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(mine, { force: true });
    }
    if (!ownerAlive(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, delay));
  }
}
