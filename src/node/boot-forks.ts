// Fleets: nodes of one boot continue from a checkpoint instead of running machined's controllers to the same
// result. A "boot" here is everything a first boot's result depends on: the boot asset (the same object: media and
// layers are shared), the release, the machine config, the clock and the instant, the log's capacity and the
// strict-config switch. The address never reaches a node's state, files or log; the node identity does, and a
// checkpoint is rewritten for each node's own (boot-checkpoint.ts).
//
// Nothing is assumed about which boots can be continued from: for each boot, the second node that boots for real
// leaves its checkpoint, and the third is checked against it: the checkpoint, rewritten for the third node's
// identity, must print exactly as the third node's own. Only then do further nodes of that boot continue from it;
// a boot that fails the check is never continued from. A node that is alone of its boot costs nothing extra.
import type { Clock } from '../cosi/index.js';
import { type BootCheckpoint, contentWithIdentity, withIdentity } from './boot-checkpoint.js';
import { describeCheckpoint } from './boot-checkpoint-text.js';

/** What a first boot's result depends on, besides the node's identity. */
export interface BootKey {
  readonly clock: Clock;
  /** The boot asset object (or one object per release for stock nodes). */
  readonly asset: object;
  /** Release, config text, instant and the other settings, as one string. */
  readonly settings: string;
}

interface BootRecord {
  /** Real first boots that settled. */
  booted: number;
  checkpoint: BootCheckpoint | undefined;
  verified: boolean;
  refused: boolean;
}

/** Boots kept per (clock, asset): the most recently used ones. */
const KEPT_PER_ASSET = 8;

export class BootForks {
  readonly #records = new WeakMap<Clock, WeakMap<object, Map<string, BootRecord>>>();

  /** The checkpoint a first boot of this key continues from, once one matched a real boot. */
  usable(key: BootKey): BootCheckpoint | undefined {
    const record = this.#record(key, false);
    return record?.verified === true ? record.checkpoint : undefined;
  }

  /** Whether the next real first boot of this key should leave its checkpoint (to keep, or to check). */
  wanted(key: BootKey): boolean {
    const record = this.#record(key, true) as BootRecord;
    return !record.refused && !record.verified && record.booted >= 1;
  }

  /** A real first boot of this key settled. */
  booted(key: BootKey): void {
    (this.#record(key, true) as BootRecord).booted++;
  }

  /**
   * What a real first boot that wanted() left: kept when it is the first, compared with the kept one when it is the
   * second (undefined: it could leave none, and the key is never continued from).
   */
  offer(key: BootKey, checkpoint: BootCheckpoint | undefined): void {
    const record = this.#record(key, true) as BootRecord;
    if (record.refused || record.verified) return;
    if (checkpoint === undefined) {
      record.refused = true;
      record.checkpoint = undefined;
    } else if (record.checkpoint === undefined) {
      record.checkpoint = checkpoint;
    } else {
      const kept = record.checkpoint;
      const expected = checkpoint.identity === undefined ? kept : withIdentity(kept, checkpoint.identity);
      const content = contentWithIdentity(kept.identity, checkpoint.identity);
      record.verified = describeCheckpoint(expected, content) === describeCheckpoint(checkpoint);
      record.refused = !record.verified;
      if (record.refused) record.checkpoint = undefined;
    }
  }

  #record(key: BootKey, create: boolean): BootRecord | undefined {
    let byAsset = this.#records.get(key.clock);
    if (byAsset === undefined) {
      if (!create) return undefined;
      byAsset = new WeakMap();
      this.#records.set(key.clock, byAsset);
    }
    let bySettings = byAsset.get(key.asset);
    if (bySettings === undefined) {
      if (!create) return undefined;
      bySettings = new Map();
      byAsset.set(key.asset, bySettings);
    }
    let record = bySettings.get(key.settings);
    if (record !== undefined) {
      // most recently used last
      bySettings.delete(key.settings);
      bySettings.set(key.settings, record);
      return record;
    }
    if (!create) return undefined;
    record = { booted: 0, checkpoint: undefined, verified: false, refused: false };
    bySettings.set(key.settings, record);
    for (const oldest of bySettings.keys()) {
      if (bySettings.size <= KEPT_PER_ASSET) break;
      bySettings.delete(oldest);
    }
    return record;
  }
}

/** The forks of every node createNode makes in this process. */
export const sharedBootForks = new BootForks();
