// Property: whatever sequence of writes happens, a bootstrapped watch replayed into a map equals
// the final List, whether it was opened before, during or after the writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InMemoryState,
  isConflict,
  isNotFound,
  type Resource,
  State,
  type StateEvent,
  seededRandom,
  VirtualClock,
} from '../../src/cosi/index.js';
import { type IntSpec, intResource, KIND, ptr } from './conformance/fixtures.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 200);

type Op =
  | { op: 'create' | 'modify'; id: string; value: number }
  | { op: 'destroy' | 'teardown' | 'addFinalizer' | 'removeFinalizer'; id: string }
  | { op: 'watch' };

const id = fc.constantFrom('0', '1', '10', '2', 'a');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('create' as const, 'modify' as const), id, value: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    op: fc.constantFrom('destroy' as const, 'teardown' as const, 'addFinalizer' as const, 'removeFinalizer' as const),
    id,
  }),
  fc.constant({ op: 'watch' as const }),
);

function apply(view: Map<string, Resource>, e: StateEvent): void {
  if (e.type === 'Created' || e.type === 'Updated') view.set(e.resource.metadata.id, e.resource);
  else if (e.type === 'Destroyed') view.delete(e.resource.metadata.id);
}

const snapshot = (rs: Iterable<Resource>) =>
  [...rs]
    .map(
      (r) =>
        `${r.metadata.id}@${r.metadata.version}:${(r.spec as IntSpec).value}:${r.metadata.phase}:${r.metadata.finalizers}`,
    )
    .sort();

describe('watch replay', () => {
  it('equals the final List for any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (ops) => {
        const clock = new VirtualClock();
        const state = new State(new InMemoryState({ clock, random: seededRandom(7) }));
        const views: Map<string, Resource>[] = [];
        const subs: { unsubscribe(): void }[] = [];
        const watch = () => {
          const view = new Map<string, Resource>();
          views.push(view);
          subs.push(state.watchKind(KIND, { bootstrapContents: true }).subscribe((e) => apply(view, e)));
        };
        watch();
        for (const o of ops) {
          try {
            switch (o.op) {
              case 'create':
                await state.create(intResource(o.id, o.value));
                break;
              case 'modify':
                await state.modify(intResource(o.id), (r) => {
                  r.spec.value = o.value;
                });
                break;
              case 'destroy':
                await state.destroy(ptr(o.id));
                break;
              case 'teardown':
                await state.teardown(ptr(o.id));
                break;
              case 'addFinalizer':
                await state.addFinalizer(ptr(o.id), 'f');
                break;
              case 'removeFinalizer':
                await state.removeFinalizer(ptr(o.id), 'f');
                break;
              case 'watch':
                watch();
                break;
            }
          } catch (err) {
            if (!isNotFound(err) && !isConflict(err)) throw err;
          }
        }
        watch();
        const final = snapshot(await state.list(KIND));
        for (const view of views) expect(snapshot(view.values())).toEqual(final);
        for (const s of subs) s.unsubscribe();
      }),
      { numRuns: runs },
    );
  });
});
