// The errors of kept clusters, their texts built in one place. A problem of the stored state (cluster.json, its
// journal, the images it keeps) says so, naming the cluster and where in its state, so that it does not read as a
// failure of the command the user just typed.
import { DetailedError } from '../extensions/detailed-error.js';
import { goQuote } from '../gofmt/index.js';

export type KeptClusterErrorDetail =
  | { readonly kind: 'no-such-cluster'; readonly name: string }
  | { readonly kind: 'cluster-exists'; readonly name: string }
  | { readonly kind: 'invalid-name'; readonly name: string }
  | { readonly kind: 'busy'; readonly name: string }
  | { readonly kind: 'corrupt-state'; readonly name: string; readonly reason: string }
  /** Writing the new cluster's state failed (a full disk): nothing of it is left. */
  | { readonly kind: 'create-failed'; readonly name: string; readonly cause: Error }
  /** Journaling `operation` would make cluster.json larger than a command may read: refused before it is done. */
  | {
      readonly kind: 'state-too-large';
      readonly name: string;
      readonly operation: string;
      readonly bytes: number;
      readonly limit: number;
    }
  /** `operation` (from code) holds what a journal cannot keep: refused before it is done. */
  | { readonly kind: 'unjournalable'; readonly name: string; readonly operation: string; readonly reason: string }
  /** A follower's cluster was destroyed (and perhaps created anew: its journal is not the one it follows). */
  | { readonly kind: 'destroyed-while-followed'; readonly name: string; readonly recreated: boolean }
  /** The command's signal (Ctrl-C) came while the journal was being replayed: nothing was done. */
  | { readonly kind: 'interrupted'; readonly name: string }
  /** The stored state does not replay: `where` is `journal[i]`, `scenario` or an image it keeps. */
  | { readonly kind: 'replay-failed'; readonly name: string; readonly where: string; readonly cause: Error };

export type KeptClusterErrorKind = KeptClusterErrorDetail['kind'];

const MiB = 1024 * 1024;
const mib = (bytes: number): string => `${Number.isInteger(bytes / MiB) ? bytes / MiB : (bytes / MiB).toFixed(1)} MiB`;

function message(d: KeptClusterErrorDetail): string {
  switch (d.kind) {
    case 'no-such-cluster':
      return `cluster ${goQuote(d.name)} does not exist (create it with: sim cluster create --name ${d.name})`;
    case 'cluster-exists':
      return `cluster ${goQuote(d.name)} already exists (destroy it with: sim cluster destroy --name ${d.name})`;
    case 'invalid-name':
      return `invalid cluster name ${goQuote(d.name)}: use up to 63 letters, digits, '-', '_' and '.' (not starting with '.')`;
    case 'busy':
      return `cluster ${goQuote(d.name)} is busy: another sim command holds its lock`;
    case 'corrupt-state':
      return `the state of cluster ${goQuote(d.name)} cannot be read: ${d.reason}`;
    case 'create-failed':
      return `cluster ${goQuote(d.name)} was not created: ${d.cause.message}`;
    case 'state-too-large':
      return `cluster ${goQuote(d.name)} cannot keep ${d.operation}: its cluster.json would grow to ${mib(d.bytes)}, over its limit of ${mib(d.limit)}; nothing was done`;
    case 'unjournalable':
      return `cluster ${goQuote(d.name)} cannot keep ${d.operation}: a command could not read its journal entry back (${d.reason}); nothing was done`;
    case 'destroyed-while-followed':
      return `cluster ${goQuote(d.name)} was destroyed${d.recreated ? ' and created anew' : ''} while followed`;
    case 'interrupted':
      return `cluster ${goQuote(d.name)}: interrupted while its journal was replayed`;
    case 'replay-failed':
      return `cluster ${goQuote(d.name)}: cluster.json ${d.where}: ${d.cause.message}`;
  }
}

export class KeptClusterError extends DetailedError<KeptClusterErrorDetail> {
  constructor(detail: KeptClusterErrorDetail) {
    super('KeptClusterError', detail, message(detail));
  }
}

export function isKeptClusterError(err: unknown): err is KeptClusterError {
  return err instanceof KeptClusterError;
}
