// Watch events (cosi state.Event).
import type { Resource } from '../resource/resource.js';
import type { StateError } from './state-error.js';

export type EventType = 'Created' | 'Updated' | 'Destroyed' | 'Bootstrapped' | 'Errored' | 'Noop';

export interface StateEvent {
  readonly type: EventType;
  /** The resource after the change; the last stored state for Destroyed; a tombstone for Bootstrapped/Noop. */
  readonly resource: Resource;
  /** The previous state, for Updated only. */
  readonly old?: Resource;
  /** Set on Errored events (e.g. buffer overrun); the watch ends after it. */
  readonly error?: StateError;
  /** Opaque position to resume a watch from (startFromBookmark). */
  readonly bookmark?: Uint8Array;
}
