// Where `talosctl list/read/mounts/dmesg` and the machined handlers behind them changed between releases (verified
// against the siderolabs/talos tags v1.0.0 … v1.14.0-rc.1, prereleases included, at the first tag that has each
// change). The client side follows the talosctl release sim plays; the server side follows each node's release.
import { parseTalosVersion, type TalosVersionFacts } from '../../index.js';

/**
 * How the client reads per-node replies:
 * - `v1.0`: its own loop; node errors go straight to stderr as `<node>: <error>` and the exit status stays 0;
 * - `helpers` (v1.2.0-beta.0): helpers.ReadGRPCStream collects them (helpers.AppendErrors), exit 1;
 * - `multiplex` (v1.14.0-alpha.2): one call per node, `error from node <node>: <error>` joined by newlines.
 * Before `multiplex` the request goes through apid to every node at once (`nodes` metadata), so every reply carries
 * the node's name and ls prints its NODE column even for one node.
 */
export type NodeCommandClient = 'v1.0' | 'helpers' | 'multiplex';

export interface NodeCommandTalosctl {
  readonly release: TalosVersionFacts;
  readonly client: NodeCommandClient;
  /** `ls -l` LABEL column: none before v1.8.0-alpha.2, the raw xattr until v1.10.0-beta.0, then NULs/newlines trimmed. */
  readonly label: 'none' | 'raw' | 'trimmed';
  /**
   * read's node errors: printed line by line (exit 0) until v1.2.0-beta.0, collected by helpers.AppendErrors until
   * v1.6.0-alpha.0, then `error reading: <err>`.
   */
  readonly readErrors: 'lines' | 'collected' | 'error-reading';
}

const at = (release: TalosVersionFacts, boundary: string): boolean =>
  parseTalosVersion(release.version).compare(parseTalosVersion(boundary)) >= 0;

export function nodeCommandTalosctl(release: TalosVersionFacts): NodeCommandTalosctl {
  const client: NodeCommandClient = at(release, 'v1.14.0-alpha.2')
    ? 'multiplex'
    : at(release, 'v1.2.0-beta.0')
      ? 'helpers'
      : 'v1.0';
  const label = at(release, 'v1.10.0-beta.0') ? 'trimmed' : at(release, 'v1.8.0-alpha.2') ? 'raw' : 'none';
  const readErrors = at(release, 'v1.6.0-alpha.0')
    ? 'error-reading'
    : at(release, 'v1.2.0-beta.0')
      ? 'collected'
      : 'lines';
  return { release, client, label, readErrors };
}

/** What machined of a node's release does differently in these handlers. */
export interface MachinedRelease {
  /** List reports xattrs (`ReportXattrs`) from v1.8.0-alpha.2. */
  readonly listXattrs: boolean;
  /** Read of a missing path: NotFound from v1.8.0-alpha.2, the bare stat error (Unknown) before. */
  readonly readNotFound: boolean;
}

export function machinedRelease(talosVersion: string): MachinedRelease {
  const v = parseTalosVersion(talosVersion);
  const since = v.compare(parseTalosVersion('v1.8.0-alpha.2')) >= 0;
  return { listXattrs: since, readNotFound: since };
}
