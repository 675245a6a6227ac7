// The system services machined itself starts during boot, as the supervisor lists them next to the extension
// services. They are simulated only as far as extension services and `sim services` see them: each goes through
// upstream's start sequence to Running and, when upstream health-checks it, to healthy. Kubernetes is not simulated,
// so kubelet, etcd and trustd are left out, as is the dashboard (a process whose start line carries its real PID
// and arguments); the start line of process runners (containerd, cri, udevd, apid) is left out for the same reason.
import { isTalosAtLeast } from '../../resources/talos-release.js';
import type { ServiceSupervisor } from '../services/index.js';

interface HostServiceFacts {
  readonly id: string;
  /** First tag that starts it (absent: every release). */
  readonly since?: string;
  /** goroutine.NewRunner: records `Service started as goroutine` when it runs. */
  readonly goroutine?: boolean;
}

/** Sorted by id; every one of them has a health check upstream. */
const HOST_SERVICES: readonly HostServiceFacts[] = [
  { id: 'apid' },
  { id: 'auditd', since: 'v1.9.0-alpha.1', goroutine: true },
  { id: 'containerd' },
  { id: 'cri' },
  { id: 'machined', goroutine: true },
  { id: 'syslogd', since: 'v1.7.0-alpha.1', goroutine: true },
  { id: 'udevd' },
];

/** The ids of the host services a release starts, sorted. */
export function hostServiceIds(talosVersion: string): string[] {
  return HOST_SERVICES.filter((s) => s.since === undefined || isTalosAtLeast(talosVersion, s.since)).map((s) => s.id);
}

/** Registers the release's host services and takes each through its start sequence to Running and healthy. */
export function startHostServices(supervisor: ServiceSupervisor, talosVersion: string): void {
  for (const facts of HOST_SERVICES) {
    if (facts.since !== undefined && !isTalosAtLeast(talosVersion, facts.since)) continue;
    const service = supervisor.registerHostService(facts.id, { healthChecked: true });
    service.update('Starting', 'Starting service');
    service.update('Preparing', 'Running pre state');
    service.update('Preparing', 'Creating service runner');
    if (facts.goroutine === true) service.update('Running', 'Service started as goroutine');
    service.setHealth({ unknown: false, healthy: true, lastMessage: '' });
    service.update('Running', 'Health check successful');
  }
}
