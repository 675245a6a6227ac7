// What can be done to a node of a running cluster from outside: reboot it, upgrade it, apply a machine config.
// Scenario steps, kept clusters' journals and the CLI's node commands all describe their changes this way.
import type { ExtensionInput } from '../imager/index.js';
import type { Cluster } from './cluster.js';

export type ClusterOperation =
  | {
      readonly kind: 'upgrade';
      readonly node: string;
      readonly talos?: string;
      /** References, paths (a string names a path when one exists there), sources or image trees. */
      readonly extensions?: readonly ExtensionInput[];
      readonly officialExtensions?: readonly string[];
    }
  | { readonly kind: 'reboot'; readonly node: string }
  | { readonly kind: 'apply-config'; readonly node: string; readonly config: string };

/** Carries out one operation on the cluster. */
export async function applyOperation(cluster: Cluster, operation: ClusterOperation): Promise<void> {
  const node = cluster.node(operation.node);
  switch (operation.kind) {
    case 'reboot':
      await node.reboot();
      return;
    case 'apply-config':
      await node.applyConfig(operation.config);
      return;
    case 'upgrade':
      await node.upgrade({
        ...(operation.talos === undefined ? {} : { talosVersion: operation.talos }),
        ...(operation.extensions === undefined ? {} : { extensions: operation.extensions }),
        ...(operation.officialExtensions === undefined ? {} : { officialExtensions: operation.officialExtensions }),
      });
      return;
  }
}
