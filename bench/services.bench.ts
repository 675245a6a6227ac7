// Service supervisor figures: 200 extension services across 20 supervisors (one per simulated node, one shared
// virtual clock) through 10 restart cycles each (run 1 s, fail, 5 s back-off), in virtual time. Reports state
// events per second of wall time and heap per service. Baseline: the same clock firing as many bare timers.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { VirtualClock } from '../src/cosi/index.js';
import { newServiceSpec } from '../src/extensions/services/index.js';
import { createNodeFs, Tmpfs } from '../src/overlayfs-sim/index.js';
import { ServiceSupervisor } from '../src/services/index.js';
import type { BenchFigure, BenchSuite } from './harness.js';

const NODES = 20;
const SERVICES_PER_NODE = 10;
const CYCLES = 10;
/** One cycle: 1 s of running, then the fixed 5 s restart interval. */
const CYCLE_MS = 6000;

function gc(): () => void {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  return () => {
    collect();
    collect();
  };
}

interface Fleet {
  readonly clock: VirtualClock;
  readonly supervisors: ServiceSupervisor[];
  events: number;
}

async function bootFleet(nodes: number): Promise<Fleet> {
  const clock = new VirtualClock();
  const fleet: Fleet = { clock, supervisors: [], events: 0 };
  for (let n = 0; n < nodes; n++) {
    const fs = createNodeFs(new Tmpfs({ now: () => clock.now() }));
    const behaviours: Record<string, { runFor: number; exitCode: number; logs: string[] }> = {};
    for (let s = 0; s < SERVICES_PER_NODE; s++) {
      fs.mkdirSync(`/usr/local/lib/containers/svc-${s}`, { recursive: true });
      fs.writeFileSync(`/usr/local/lib/containers/svc-${s}/svc`, '', { mode: 0o755 });
      behaviours[`svc-${s}`] = { runFor: 1000, exitCode: 1, logs: [`svc-${s} starting`] };
    }
    const supervisor = new ServiceSupervisor({ clock, talosVersion: 'v1.14.0-rc.1', fs, behaviours });
    supervisor.changes.subscribe(() => {
      fleet.events++;
    });
    supervisor.registerHostService('containerd').update('Running', 'Health check successful');
    for (let s = 0; s < SERVICES_PER_NODE; s++) {
      const svc = supervisor.newExtensionService(
        newServiceSpec({ name: `svc-${s}`, container: { entrypoint: './svc' }, restart: 1 }),
      );
      supervisor.load(svc);
      await supervisor.startServices(svc.id);
    }
    fleet.supervisors.push(supervisor);
  }
  return fleet;
}

/** The same number of timer firings on a virtual clock, each rescheduling itself (the cost of the clock alone). */
async function bareTimers(count: number): Promise<number> {
  const clock = new VirtualClock();
  let fired = 0;
  const tick = (): void => {
    fired++;
    if (fired < count) clock.setTimeout(tick, 10);
  };
  clock.setTimeout(tick, 10);
  const start = performance.now();
  await clock.advance(count * 10);
  return (fired * 1000) / (performance.now() - start);
}

const suite: BenchSuite = {
  title: 'Service supervisor (200 services, 20 supervisors, 10 restart cycles, virtual time)',
  async run(ctx): Promise<BenchFigure[]> {
    const collect = gc();
    const nodes = Math.max(2, Math.round(NODES * ctx.scale));
    const services = nodes * SERVICES_PER_NODE;
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const fleet = await bootFleet(nodes);
    await fleet.clock.advance(CYCLES * CYCLE_MS);
    const wall = performance.now() - start;
    collect();
    const heapAfter = process.memoryUsage().heapUsed;
    const eventsPerSecond = (fleet.events * 1000) / wall;
    const cycles = fleet.supervisors
      .flatMap((s) => s.list())
      .filter((i) => i.id !== 'containerd')
      .map((i) => i.events.filter((e) => e.state === 'Running').length);
    ctx.log(
      `${services} services, ${fleet.events} events in ${wall.toFixed(0)} ms; runs per service ${Math.min(...cycles)}–${Math.max(...cycles)}`,
    );
    const events = fleet.events;
    const timersPerSecond = await bareTimers(events);
    for (const s of fleet.supervisors) await s.stop();
    return [
      {
        name: 'state events',
        value: eventsPerSecond,
        unit: 'events/s',
        baseline: { name: 'bare virtual-clock timers', value: timersPerSecond },
        note: `${events} events, ${(CYCLES * CYCLE_MS) / 1000} s of virtual time in ${wall.toFixed(0)} ms`,
      },
      {
        name: 'heap per service',
        value: (heapAfter - heapBefore) / services / 1024,
        unit: 'KiB',
        note: 'after 10 cycles: 64-event history, log lines, node filesystem share included',
      },
      { name: 'wall time for the whole run', value: wall, unit: 'ms' },
    ];
  },
};

export default suite;
