// Why a lifecycle call on a node (boot, shutdown, reboot, upgrade, applyConfig, and the service calls that need a
// running node) was refused or did not complete.
// Overlapping calls never leave a node half-booted: each ends in a defined phase, and the loser gets this error.
import { DetailedError } from '../extensions/detailed-error.js';
import type { NodePhase } from './node-phase.js';

export type NodeOperation =
  | 'boot'
  | 'shutdown'
  | 'reboot'
  | 'upgrade'
  | 'applyConfig'
  /** `node.services.start/stop/restart`: machined's service API, answered only by a running node. */
  | 'service start'
  | 'service stop'
  | 'service restart';

export type NodeLifecycleErrorDetail =
  /**
   * The operation cannot start now: the node is not in a phase where it can (rebooting a stopped node), or another
   * operation is in progress (`inProgress`: booting twice, applyConfig during an upgrade).
   */
  | {
      readonly kind: 'invalid-phase';
      readonly address: string;
      readonly operation: NodeOperation;
      readonly phase: NodePhase;
      readonly inProgress?: NodeOperation;
    }
  /** The operation was overtaken: shutdown() was called while it ran; the node is stopped. */
  | { readonly kind: 'aborted'; readonly address: string; readonly operation: NodeOperation }
  /** The operation failed; the node is in `phase` and `cause` says why. */
  | {
      readonly kind: 'failed';
      readonly address: string;
      readonly operation: NodeOperation;
      readonly phase: NodePhase;
      readonly cause: Error;
    };

export type NodeLifecycleErrorKind = NodeLifecycleErrorDetail['kind'];

function message(d: NodeLifecycleErrorDetail): string {
  switch (d.kind) {
    case 'invalid-phase':
      return d.inProgress === undefined
        ? `node ${d.address}: cannot ${d.operation} while the node is ${d.phase}`
        : `node ${d.address}: cannot ${d.operation} while ${d.inProgress} is in progress`;
    case 'aborted':
      return `node ${d.address}: ${d.operation} aborted: the node was shut down`;
    case 'failed':
      return `node ${d.address}: ${d.operation} failed: ${d.cause.message}`;
  }
}

export class NodeLifecycleError extends DetailedError<NodeLifecycleErrorDetail> {
  constructor(detail: NodeLifecycleErrorDetail) {
    super('NodeLifecycleError', detail, message(detail));
  }
}

export function isNodeLifecycleError(err: unknown): err is NodeLifecycleError {
  return err instanceof NodeLifecycleError;
}
