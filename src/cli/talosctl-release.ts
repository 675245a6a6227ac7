// Which talosctl release `sim` plays: `--talosctl-version`, else the newest release among the nodes it talks to
// (a user upgrades talosctl with their cluster). Outputs whose text changed between talosctl releases follow it.
import { parseTalosVersion, resolveTalosVersion, type TalosVersionFacts } from '../extensions/index.js';
import type { MachineConfigRepr } from '../printers/index.js';
import { CliExit } from './cli-context.js';

/** What the talosctl release `sim` plays looks at in a node. */
export interface NodeRelease {
  readonly address: string;
  readonly talosVersion: string;
}

export function talosctlRelease(nodes: readonly NodeRelease[], flag: string | undefined): TalosVersionFacts {
  if (flag !== undefined) {
    try {
      return resolveTalosVersion(flag);
    } catch (err) {
      throw new CliExit(`--talosctl-version: ${(err as Error).message}`);
    }
  }
  let newest: string | undefined;
  for (const node of nodes) {
    if (newest === undefined || parseTalosVersion(node.talosVersion).compare(parseTalosVersion(newest)) > 0) {
      newest = node.talosVersion;
    }
  }
  return resolveTalosVersion(newest ?? 'v1.13.9');
}

/** How the talosctl release `sim` plays behaves where talosctl changed (cosi-and-talosctl spec §4.10). */
export interface TalosctlBehaviour {
  readonly release: TalosVersionFacts;
  /** v1.14.0-alpha.2+: `error getting resource on node N: …`; before, the raw errors in a go-multierror. */
  readonly prefixedNodeErrors: boolean;
  /** Before v1.14.0-alpha.2 the first JSONPath evaluation error aborts the command. */
  readonly jsonPathErrorsAbort: boolean;
  /** Before v1.14.0-alpha.2 a single-id table watch waits for a Bootstrapped event that never comes. */
  readonly singleWatchBootstrapped: boolean;
  /** v1.3.1+: apply-config prints the node's answer on stderr; before, on stdout. */
  readonly applyResultsOnStderr: boolean;
  /** What `get -o yaml/json/jsonpath` does with a MachineConfig spec (see MachineConfigRepr for the commits). */
  readonly machineConfigRepr: MachineConfigRepr;
  /** `-o jsonpath=…` came in v1.3.0-alpha.0 (f17cdee16); before, output.NewWriter knew table, yaml and json only. */
  readonly jsonPathOutput: boolean;
  /** get, reboot and upgrade warn about older nodes (helpers.ClientVersionCheck) from v1.2.0-beta.2. */
  readonly versionCheck: boolean;
}

function machineConfigReprOf(version: string): MachineConfigRepr {
  const at = (tag: string) => parseTalosVersion(version).compare(parseTalosVersion(tag)) >= 0;
  if (!at('v1.8.0-alpha.2')) return 'embedded';
  if (!at('v1.12.0-beta.0')) return 'string';
  // f118ee47e: in v1.13.0-alpha.2, backported to v1.12.5
  if (at('v1.13.0-alpha.2') || (at('v1.12.5') && !at('v1.13.0-alpha.0'))) return 'raw-unless-annotated';
  return 'first-document-unless-annotated';
}

export function talosctlBehaviour(release: TalosVersionFacts): TalosctlBehaviour {
  const modern = parseTalosVersion(release.version).compare(parseTalosVersion('v1.14.0-alpha.2')) >= 0;
  return {
    release,
    prefixedNodeErrors: modern,
    jsonPathErrorsAbort: !modern,
    singleWatchBootstrapped: modern,
    applyResultsOnStderr: parseTalosVersion(release.version).compare(parseTalosVersion('v1.3.1')) >= 0,
    machineConfigRepr: machineConfigReprOf(release.version),
    jsonPathOutput: parseTalosVersion(release.version).compare(parseTalosVersion('v1.3.0-alpha.0')) >= 0,
    versionCheck: parseTalosVersion(release.version).compare(parseTalosVersion('v1.2.0-beta.2')) >= 0,
  };
}

/**
 * talosctl's ClientVersionCheck: one `WARNING:` line on stderr naming every node older than the client
 * (`10.5.0.2: server version 1.12.11 is older than client version 1.13.9`), or undefined.
 */
export function clientVersionWarning(nodes: readonly NodeRelease[], client: TalosVersionFacts): string | undefined {
  const clientVersion = parseTalosVersion(client.version);
  const older = nodes
    .filter((n) => parseTalosVersion(n.talosVersion).compare(clientVersion) < 0)
    .map(
      (n) =>
        `${n.address}: server version ${parseTalosVersion(n.talosVersion).version} is older than client version ${clientVersion.version}`,
    );
  return older.length === 0 ? undefined : `WARNING: ${older.join(', ')}\n`;
}
