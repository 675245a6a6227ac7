// COSI store figures: creates/s, no-op Modify/s, and events/s delivered to 100 concurrent kind
// watchers over 100k updates. Baseline: the same number of Map.set calls on a plain Map.
import { InMemoryState, newResource, type Resource, State, seededRandom, VirtualClock } from '../src/cosi/index.js';
import type { BenchFigure, BenchSuite } from './harness.js';

const NS = 'runtime';
const TYPE = 'BenchResources.bench.cosi.dev';
const KIND = { namespace: NS, type: TYPE };

interface Spec {
  value: number;
  name: string;
}

const fresh = () => new State(new InMemoryState({ clock: new VirtualClock(), random: seededRandom(1) }));
const res = (id: string, value: number): Resource<Spec> => newResource(NS, TYPE, id, { value, name: `r-${id}` });

async function perSecond(n: number, body: (i: number) => Promise<void> | void): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await body(i);
  return (n * 1000) / (performance.now() - start);
}

const suite: BenchSuite = {
  title: 'COSI in-memory state',
  async run(ctx): Promise<BenchFigure[]> {
    const n = Math.max(1000, Math.round(50_000 * ctx.scale));
    const map = new Map<string, Spec>();
    const mapRate = await perSecond(n, (i) => {
      map.set(`id${i}`, { value: i, name: `r-${i}` });
    });
    const baseline = { name: 'Map.set', value: mapRate };

    const state = fresh();
    const creates = await perSecond(n, (i) => state.create(res(`id${i}`, i)));
    const noops = await perSecond(n, (i) =>
      state
        .modify(res(`id${i % 1000}`, i % 1000), (r) => {
          r.spec.value = i % 1000;
        })
        .then(() => undefined),
    );

    const updates = Math.max(1000, Math.round(100_000 * ctx.scale));
    const watched = fresh();
    await watched.create(res('hot', 0));
    let delivered = 0;
    const subs = Array.from({ length: 100 }, () =>
      watched.watchKind(KIND).subscribe(() => {
        delivered++;
      }),
    );
    const hot = await watched.get({ ...KIND, id: 'hot' });
    const start = performance.now();
    for (let i = 1; i <= updates; i++) {
      (hot.spec as Spec).value = i;
      await watched.update(hot);
    }
    const eventsPerSecond = (delivered * 1000) / (performance.now() - start);
    for (const s of subs) s.unsubscribe();
    ctx.log(`${delivered} events delivered (${updates} updates × 100 watchers)`);

    return [
      { name: `create (${n})`, value: creates, unit: 'ops/s', baseline },
      { name: `no-op modify (${n})`, value: noops, unit: 'ops/s', baseline },
      {
        name: `events to 100 kind watchers (${updates} updates)`,
        value: eventsPerSecond,
        unit: 'events/s',
        note: 'each delivery is a private deep copy',
      },
    ];
  },
};

export default suite;
