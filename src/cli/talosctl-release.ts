// Which talosctl release `sim` plays: `--talosctl-version`, else the newest release among the nodes it talks to
// (a user upgrades talosctl with their cluster). Outputs whose text changed between talosctl releases follow it.
import { parseTalosVersion, resolveTalosVersion, type TalosNode, type TalosVersionFacts } from '../index.js';
import { CliExit } from './cli-context.js';

export function talosctlRelease(nodes: readonly TalosNode[], flag: string | undefined): TalosVersionFacts {
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
