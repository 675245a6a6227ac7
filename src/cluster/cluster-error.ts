// Errors of a cluster as a whole: a node that is not in it, a node that failed to boot (the others were shut down),
// virtual-time calls on a cluster that runs on another clock, durations that are not durations.
import { DetailedError } from '../extensions/detailed-error.js';
import { goQuote } from '../gofmt/index.js';
import { isNodeLifecycleError } from '../node/index.js';

export type ClusterErrorDetail =
  | { readonly kind: 'unknown-node'; readonly address: string; readonly known: readonly string[] }
  /** Building the node's boot asset failed (imager, Image Factory or installer error). */
  | { readonly kind: 'install-failed'; readonly address: string; readonly cause: Error }
  /** The node failed to boot; the nodes booted before it were shut down. */
  | { readonly kind: 'boot-failed'; readonly address: string; readonly cause: Error }
  | { readonly kind: 'not-virtual-time' }
  | { readonly kind: 'invalid-duration'; readonly input: string }
  /** A `startTime` option that is not an instant a Date holds. */
  | { readonly kind: 'invalid-start-time'; readonly input: number }
  /** Advancing by `input` would take the clock past the last instant a Date holds. */
  | { readonly kind: 'beyond-time-range'; readonly input: string }
  /** A node operation still waiting after this much simulated time (a service that never goes down). */
  | { readonly kind: 'operation-timeout'; readonly address: string; readonly operation: string; readonly ms: number };

export type ClusterErrorKind = ClusterErrorDetail['kind'];

function message(d: ClusterErrorDetail): string {
  switch (d.kind) {
    case 'unknown-node':
      return `node ${goQuote(d.address)} is not in the cluster (nodes: ${d.known.join(', ')})`;
    case 'install-failed':
      return `node ${d.address}: ${d.cause.message}`;
    case 'boot-failed':
      return `node ${d.address}: boot failed: ${(isNodeLifecycleError(d.cause) && d.cause.detail.kind === 'failed' ? d.cause.detail.cause : d.cause).message}`;
    case 'not-virtual-time':
      return 'advance() needs the cluster to run on a VirtualClock';
    case 'invalid-duration':
      return `invalid duration ${goQuote(d.input)}: expected milliseconds or a Go duration such as 1m30s`;
    case 'invalid-start-time':
      return `invalid start time ${d.input}: expected milliseconds since 1970-01-01T00:00:00Z within a Date's range`;
    case 'beyond-time-range':
      return `advancing by ${goQuote(d.input)} would take the clock past +275760-09-13T00:00:00Z, the last instant a Date holds`;
    case 'operation-timeout':
      return `node ${d.address}: ${d.operation} did not finish within ${d.ms / 1000}s of simulated time`;
  }
}

export class ClusterError extends DetailedError<ClusterErrorDetail> {
  constructor(detail: ClusterErrorDetail) {
    super('ClusterError', detail, message(detail));
  }
}

export function isClusterError(err: unknown): err is ClusterError {
  return err instanceof ClusterError;
}
