// What can be done to a node of a running cluster from outside: reboot it, upgrade it, apply a machine config,
// start, stop or restart one of its services, hold back or release its network or time sync.
// Scenario steps, kept clusters' journals and the CLI's node commands all describe their changes this way.

import { awaitAsTimeRuns } from '../cosi/index.js';
import type { ExtensionInput } from '../imager/index.js';
import type { ApplyConfigResult } from '../node/index.js';
import type { Cluster } from './cluster.js';
import { ClusterError } from './cluster-error.js';

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
  | { readonly kind: 'apply-config'; readonly node: string; readonly config: string }
  | { readonly kind: 'service'; readonly node: string; readonly id: string; readonly action: ServiceAction }
  | {
      readonly kind: 'hold';
      readonly node: string;
      /** true holds it back, false releases it; absent leaves it as it is. */
      readonly network?: boolean;
      readonly time?: boolean;
    };

/** What `talosctl service <id> start|stop|restart` asks machined. */
export type ServiceAction = 'start' | 'stop' | 'restart';

export const SERVICE_ACTIONS: readonly ServiceAction[] = ['start', 'stop', 'restart'];

/** What an operation answers: machined's answer to an applied config; nothing for the others. */
export type OperationResult = ApplyConfigResult | undefined;

/** Carries out one operation on the cluster. */
export async function applyOperation(cluster: Cluster, operation: ClusterOperation): Promise<OperationResult> {
  const node = cluster.node(operation.node);
  switch (operation.kind) {
    case 'reboot':
      await node.reboot();
      return;
    case 'apply-config':
      return node.applyConfig(operation.config);
    case 'service':
      await whileTimeRuns(
        cluster,
        node.services[operation.action](operation.id),
        `service ${operation.id} ${operation.action}`,
        node.address,
      );
      return;
    case 'hold': {
      const readiness = node.services.readiness;
      if (operation.network === true) readiness.holdNetwork();
      if (operation.network === false) readiness.releaseNetwork();
      if (operation.time !== undefined) readiness.setTimeSynced(!operation.time);
      await node.settle();
      return;
    }
    case 'upgrade':
      await node.upgrade({
        ...(operation.talos === undefined ? {} : { talosVersion: operation.talos }),
        ...(operation.extensions === undefined ? {} : { extensions: operation.extensions }),
        ...(operation.officialExtensions === undefined ? {} : { officialExtensions: operation.officialExtensions }),
      });
      return;
  }
}

/** The most simulated time a service action may take (a stop ends with SIGKILL 10 s after SIGTERM). */
export const SERVICE_ACTION_LIMIT_MS = 120_000;

/** Awaits a node operation, moving the cluster's virtual time while it waits for it (services stopping). */
function whileTimeRuns<T>(cluster: Cluster, pending: Promise<T>, operation: string, address: string): Promise<T> {
  return awaitAsTimeRuns(cluster.clock, pending, {
    settle: () => cluster.settle(),
    limitMs: SERVICE_ACTION_LIMIT_MS,
    onLimit: (ms) => new ClusterError({ kind: 'operation-timeout', address, operation, ms }),
  });
}
