// Test fixtures for the supervisor: a virtual clock, a node filesystem (tmpfs) with service roots, a supervisor
// with containerd as a host service, and readers of the event history as `[State]: message` lines.
import { MemoryLogger, VirtualClock } from '../../src/cosi/index.js';
import { newServiceSpec, type ServiceSpecInit } from '../../src/extensions/services/index.js';
import { createNodeFs, type NodeFs, Tmpfs } from '../../src/overlayfs-sim/index.js';
import {
  type HostServiceHandle,
  ServiceSupervisor,
  type ServiceSupervisorOptions,
  type ServiceSupervisor as Supervisor,
} from '../../src/services/index.js';

export interface Fixture {
  readonly clock: VirtualClock;
  readonly fs: NodeFs;
  readonly supervisor: Supervisor;
  readonly containerd: HostServiceHandle;
  readonly logger: MemoryLogger;
  /** Loads and starts an extension service; its entrypoint file is created unless `noEntrypoint`. */
  extension(init: ServiceSpecInit, options?: { readonly noEntrypoint?: boolean }): Promise<string>;
  /** `[State]: message` for every event of a service, oldest first. */
  events(id: string): string[];
  /** Same, with the virtual second (from the start) each event happened at. */
  timeline(id: string): string[];
}

export const T0 = Date.UTC(2024, 7, 9, 3, 7, 41);

export function fixture(
  options: Partial<ServiceSupervisorOptions> & { readonly containerdUp?: boolean } = {},
): Fixture {
  const clock = new VirtualClock(T0);
  const fs = createNodeFs(new Tmpfs({ now: () => clock.now() }));
  const logger = new MemoryLogger();
  const supervisor = new ServiceSupervisor({ clock, talosVersion: 'v1.14.0-rc.1', fs, logger, ...options });
  const containerd = supervisor.registerHostService('containerd', { healthChecked: false });
  if (options.containerdUp ?? true) {
    containerd.update('Running', 'Health check successful');
  }
  const lines = (id: string, withTime: boolean): string[] =>
    (supervisor.get(id)?.events ?? []).map(
      (e) => `${withTime ? `${(e.timestamp - T0) / 1000}s ` : ''}[${e.state}]: ${e.message}`,
    );
  return {
    clock,
    fs,
    supervisor,
    containerd,
    logger,
    async extension(init, opts = {}) {
      const spec = newServiceSpec({ restart: 1, ...init });
      if (!opts.noEntrypoint) {
        const root = `/usr/local/lib/containers/${spec.name}`;
        const entry = spec.container.entrypoint.startsWith('/')
          ? `${root}${spec.container.entrypoint}`
          : `${root}/${spec.container.entrypoint.replace(/^\.\//, '')}`;
        fs.mkdirSync(entry.slice(0, entry.lastIndexOf('/')), { recursive: true });
        fs.writeFileSync(entry, '#!/bin/sh\n', { mode: 0o755 });
      }
      const [id] = supervisor.load(supervisor.newExtensionService(spec));
      await supervisor.startServices(id as string);
      return id as string;
    },
    events: (id) => lines(id, false),
    timeline: (id) => lines(id, true),
  };
}
