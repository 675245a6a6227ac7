// A node's side of BootForks: at its first boot, continue from a checkpoint of the same boot when one is usable
// (drawing its own identity from its random source, as NodeIdentityController would), or boot for real and leave
// its checkpoint when BootForks wants one.
import { NODE_IDENTITY_SIZE } from '../../controllers/identity-adapter.js';
import type { NodeIdentityStore } from '../../controllers/node-identity-controller.js';
import type { Random } from '../cosi/index.js';
import { type BootIdentity, contentWithIdentity, drawIdentity, identityOf, withIdentity } from './boot-checkpoint.js';
import type { BootForks, BootKey } from './boot-forks.js';
import type { NodeBoot } from './node-boot.js';
import type { NodeLog } from './node-log.js';

/** A random source that counts what was drawn from it. */
export interface CountingRandom extends Random {
  readonly draws: number;
}

export function countingRandom(random: Random): CountingRandom {
  let draws = 0;
  return {
    next: () => {
      draws++;
      return random.next();
    },
    get draws() {
      return draws;
    },
  };
}

export interface FirstBootForking {
  /**
   * Continues the first boot from a usable checkpoint of the same boot; false: nothing done, boot it for real. As
   * NodeBoot.start, it lets callers in first and asks `proceed()` before it does anything: a shutdown that came
   * meanwhile leaves the node as it leaves one booting for real.
   */
  resume(boot: NodeBoot, proceed: () => boolean): Promise<boolean>;
  /** The first boot, booted for real, has settled: leaves its checkpoint if BootForks wants one. */
  settled(boot: NodeBoot): void;
}

export function firstBootForking(parts: {
  readonly forks: BootForks;
  /** Undefined: this node's boots are not shared (a root filesystem of its own, say). */
  readonly key: () => BootKey | undefined;
  readonly log: NodeLog;
  readonly random: CountingRandom;
  readonly identity: NodeIdentityStore;
}): FirstBootForking {
  const { forks, log, random, identity } = parts;
  let key: BootKey | undefined;
  let logAt = 0;
  let drawsAt = 0;
  return {
    async resume(boot, proceed) {
      key = parts.key();
      logAt = log.position;
      drawsAt = random.draws;
      const checkpoint = key === undefined ? undefined : forks.usable(key);
      if (checkpoint === undefined || identity.load() !== undefined || !boot.canResume(checkpoint)) return false;
      await Promise.resolve();
      if (!proceed()) return false;
      const own = checkpoint.identity === undefined ? undefined : drawIdentity(random);
      const mine = own === undefined ? checkpoint : withIdentity(checkpoint, own);
      await boot.resume(mine, contentWithIdentity(checkpoint.identity, own));
      if (own !== undefined) identity.save(own.nodeId);
      log.adopt(mine.log);
      return true;
    },
    settled(boot) {
      if (key === undefined) return;
      const wanted = forks.wanted(key);
      forks.booted(key);
      if (!wanted) return;
      const lines = log.since(logAt);
      const drawn = random.draws - drawsAt;
      const nodeId = identity.load();
      let generated: BootIdentity | undefined;
      if (drawn === NODE_IDENTITY_SIZE && nodeId !== undefined) generated = identityOf(nodeId);
      const whole = lines.length === log.position - logAt && (drawn === 0 || generated !== undefined);
      forks.offer(key, whole ? boot.checkpoint(lines, generated) : undefined);
    },
  };
}
