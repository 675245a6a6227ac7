// Options of state operations (cosi's functional options as plain objects; defaults documented here).
import type { SchedulerLike } from 'rxjs';
import type { IdQuery, LabelQuery } from '../resource/label-query.js';
import type { Phase } from '../resource/metadata.js';

export interface ListOptions {
  /** ORed; each query ANDs its terms. Default: everything. */
  readonly labelQueries?: readonly LabelQuery[];
  readonly idQuery?: IdQuery;
}

export interface CreateOptions {
  /** Owner recorded on the resource. Default '' (unowned). */
  readonly owner?: string;
}

export interface UpdateOptions {
  /** Must equal the stored owner. Default ''. */
  readonly owner?: string;
  /** Phase the stored resource must be in. Default 'running'; 'any' skips the check. */
  readonly expectedPhase?: Phase | 'any';
}

export interface DestroyOptions {
  /** Must equal the stored owner. Default ''. */
  readonly owner?: string;
}

export interface DeliveryOptions {
  /**
   * Delivers events through this scheduler instead of synchronously inside the write. Events
   * written between two deliveries are queued in the collection's bounded history; a subscriber
   * that falls further behind than its capacity gets an Errored `buffer overrun` event.
   */
  readonly scheduler?: SchedulerLike;
}

export interface WatchOptions extends DeliveryOptions {
  /** Replay the last N events of this id instead of the initial state event. */
  readonly tailEvents?: number;
  /** Resume after the event carrying this bookmark. Exclusive with tailEvents. */
  readonly startFromBookmark?: Uint8Array;
}

export interface WatchKindOptions extends ListOptions, DeliveryOptions {
  /** Start with one Created event per matching resource (sorted by id), then Bootstrapped. */
  readonly bootstrapContents?: boolean;
  /** Start with a Noop event carrying the current bookmark. */
  readonly bootstrapBookmark?: boolean;
  /** Replay the last N events (capped at capacity − gap). */
  readonly tailEvents?: number;
  readonly startFromBookmark?: Uint8Array;
}

/** Fills the documented defaults of UpdateOptions. */
export function updateDefaults(opts: UpdateOptions | undefined): Required<UpdateOptions> {
  return { owner: opts?.owner ?? '', expectedPhase: opts?.expectedPhase ?? 'running' };
}
