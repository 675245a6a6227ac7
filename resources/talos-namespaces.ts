// The namespaces machined registers, with their descriptions, in its order (v1alpha2_state.go at the release tags):
// hardware came in v1.1.0-beta.0, etcd and cri in v1.2.0-alpha.1, security in v1.13.0-beta.0, storage in
// v1.14.0-alpha.1, containers in v1.14.0-rc.1.
import { isTalosAtLeast } from './talos-release.js';

export interface TalosNamespace {
  readonly name: string;
  readonly description: string;
  /** The first tag that registers it (undefined: every release). */
  readonly since?: string;
}

export const TALOS_NAMESPACES: readonly TalosNamespace[] = [
  { name: 'runtime', description: 'Talos v1alpha1 subsystems glue resources.' },
  { name: 'cluster', description: 'Cluster configuration and discovery resources.' },
  { name: 'cluster-raw', description: 'Cluster unmerged raw resources.' },
  { name: 'config', description: 'Talos node configuration.' },
  { name: 'etcd', description: 'etcd resources.', since: 'v1.2.0-alpha.1' },
  { name: 'files', description: 'Files and file-like resources.' },
  { name: 'hardware', description: 'Hardware resources.', since: 'v1.1.0-beta.0' },
  { name: 'k8s', description: 'Kubernetes all node types resources.' },
  { name: 'controlplane', description: 'Kubernetes control plane resources.' },
  { name: 'kubespan', description: 'KubeSpan resources.' },
  { name: 'network', description: 'Networking resources.' },
  { name: 'network-config', description: 'Networking configuration resources.' },
  { name: 'cri', description: 'CRI Seccomp resources.', since: 'v1.2.0-alpha.1' },
  { name: 'containers', description: 'Talos-managed container resources.', since: 'v1.14.0-rc.1' },
  { name: 'secrets', description: 'Resources with secret material.' },
  { name: 'security', description: 'Security resources.', since: 'v1.13.0-beta.0' },
  { name: 'perf', description: 'Stats resources.' },
  { name: 'storage', description: 'Storage resources.', since: 'v1.14.0-alpha.1' },
];

/** The namespaces machined of `talosVersion` registers, in its order. */
export function talosNamespaces(talosVersion: string): TalosNamespace[] {
  return TALOS_NAMESPACES.filter((ns) => ns.since === undefined || isTalosAtLeast(talosVersion, ns.since));
}
