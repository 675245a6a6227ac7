// Conformance suite for State over any CoreState: CRUD semantics, exact error texts, the
// derived operations, and copies at the boundary. Run it with describeStateConformance.
import { describe, expect, it } from 'vitest';
import {
  isConflict,
  isNotFound,
  isOwnerConflict,
  isPhaseConflict,
  type Resource,
  type StateEvent,
} from '../../../src/cosi/index.js';
import { rejection } from '../../support/errors.js';
import { describeEvents, type IntSpec, intResource, KIND, ptr, record, type StateFactory } from './fixtures.js';

export function describeStateConformance(name: string, make: StateFactory): void {
  describe(`${name}: state conformance`, () => {
    describe('create and get', () => {
      it('stores version 1 with created/updated from the clock and writes the stored metadata back', async () => {
        const { state, clock } = make();
        const r = intResource('a', 1);
        await state.create(r, { owner: 'ctrl' });
        expect(r.metadata.version).toBe(1);
        expect(r.metadata.owner).toBe('ctrl');
        expect(r.metadata.created.getTime()).toBe(clock.now());
        const got = await state.get(ptr('a'));
        expect(got.metadata.version).toBe(1);
        expect(got.metadata.phase).toBe('running');
        expect(got.spec).toEqual({ value: 1 });
        expect(String(got.metadata)).toBe('IntResources.test.cosi.dev(default/a@1)');
      });

      it('refuses a second create of the same id and keeps the first', async () => {
        const { state } = make();
        await state.create(intResource('a', 1));
        const err = await rejection(state.create(intResource('a', 2)));
        expect(err.message).toBe('resource IntResources.test.cosi.dev(default/a@undefined) already exists');
        expect(isConflict(err)).toBe(true);
        expect((await state.get(ptr('a'))).spec).toEqual({ value: 1 });
      });

      it('reports a missing resource with version undefined', async () => {
        const { state } = make();
        const err = await rejection(state.get(ptr('nope')));
        expect(err.message).toBe("resource IntResources.test.cosi.dev(default/nope@undefined) doesn't exist");
        expect(isNotFound(err)).toBe(true);
      });

      it('copies at the boundary: neither the created object nor a read aliases the stored one', async () => {
        const { state } = make();
        const r = intResource('a', 1);
        await state.create(r);
        r.spec.value = 99;
        const got = (await state.get(ptr('a'))) as Resource<IntSpec>;
        got.spec.value = 42;
        got.metadata.labels.set('x', 'y');
        const again = await state.get(ptr('a'));
        expect(again.spec).toEqual({ value: 1 });
        expect(again.metadata.labels.size).toBe(0);
      });
    });

    describe('list', () => {
      it('sorts by id as strings and treats an unknown kind as empty', async () => {
        const { state } = make();
        for (const id of ['2', 'modules.dep', '10', '0', '1']) await state.create(intResource(id));
        expect((await state.list(KIND)).map((r) => r.metadata.id)).toEqual(['0', '1', '10', '2', 'modules.dep']);
        expect(await state.list({ namespace: 'other', type: KIND.type })).toEqual([]);
      });

      it('filters by label queries (terms ANDed, queries ORed) and by id regexp', async () => {
        const { state } = make();
        for (const [id, tier, n] of [
          ['a', 'core', '3'],
          ['b', 'extra', '10'],
          ['c', 'core', 'x'],
        ] as const) {
          const r = intResource(id);
          r.metadata.labels.set('tier', tier);
          r.metadata.labels.set('n', n);
          await state.create(r);
        }
        const ids = async (opts: Parameters<typeof state.list>[1]) =>
          (await state.list(KIND, opts)).map((r) => r.metadata.id);
        expect(await ids({ labelQueries: [{ terms: [{ key: 'tier', op: 'equal', values: ['core'] }] }] })).toEqual([
          'a',
          'c',
        ]);
        expect(await ids({ labelQueries: [{ terms: [{ key: 'n', op: 'ltNumeric', values: ['5'] }] }] })).toEqual(['a']);
        // an undecided numeric comparison does not match even when inverted
        expect(
          await ids({ labelQueries: [{ terms: [{ key: 'n', op: 'ltNumeric', values: ['5'], invert: true }] }] }),
        ).toEqual(['b']);
        expect(
          await ids({
            labelQueries: [
              { terms: [{ key: 'tier', op: 'equal', values: ['extra'] }] },
              { terms: [{ key: 'n', op: 'in', values: ['3'] }] },
            ],
          }),
        ).toEqual(['a', 'b']);
        expect(await ids({ idQuery: { regexp: /[bc]/ } })).toEqual(['b', 'c']);
      });
    });

    describe('update', () => {
      it('bumps the version, keeps created, sets updated, and reports the old state', async () => {
        const { state, clock } = make();
        const r = intResource('a', 1);
        await state.create(r);
        const created = r.metadata.created;
        const events = record(state.watch(ptr('a')));
        await clock.advance(5000);
        r.spec.value = 2;
        await state.update(r);
        expect(r.metadata.version).toBe(2);
        expect(r.metadata.created).toEqual(created);
        expect(r.metadata.updated.getTime()).toBe(clock.now());
        const updated = events.values[1] as StateEvent;
        expect(updated.type).toBe('Updated');
        expect((updated.old?.spec as IntSpec | undefined)?.value).toBe(1);
        expect((updated.resource.spec as IntSpec).value).toBe(2);
        events.sub.unsubscribe();
      });

      it('checks existence, owner, version, then phase, with cosi texts, and changes nothing on failure', async () => {
        const { state } = make();
        const r = intResource('a', 1);
        await state.create(r, { owner: 'owner-a' });
        const stale = (await state.get(ptr('a'))) as Resource<IntSpec>;
        r.spec.value = 2;
        await state.update(r, { owner: 'owner-a' });

        const missing = intResource('b');
        missing.metadata.version = 3;
        expect((await rejection(state.update(missing))).message).toBe(
          "resource IntResources.test.cosi.dev(default/b@3) doesn't exist",
        );
        const owner = await rejection(state.update(r, { owner: 'someone' }));
        expect(owner.message).toBe('resource IntResources.test.cosi.dev(default/a@2) is owned by "owner-a"');
        expect(isOwnerConflict(owner)).toBe(true);
        stale.spec.value = 7;
        const version = await rejection(state.update(stale, { owner: 'owner-a' }));
        expect(version.message).toBe(
          'resource IntResources.test.cosi.dev(default/a@2) update conflict: expected version "1", actual version "2"',
        );
        expect(isConflict(version) && !isOwnerConflict(version) && !isPhaseConflict(version)).toBe(true);
        await state.teardown(ptr('a'), { owner: 'owner-a' });
        const torn = await state.get(ptr('a'));
        const phase = await rejection(state.update(torn, { owner: 'owner-a' }));
        expect(phase.message).toBe('resource IntResources.test.cosi.dev(default/a@3) is not in phase running');
        expect(isPhaseConflict(phase)).toBe(true);
        const after = await state.get(ptr('a'));
        expect([after.metadata.version, (after.spec as IntSpec).value, after.metadata.phase]).toEqual([
          3,
          2,
          'tearingDown',
        ]);
      });

      it('writes an identical update anyway (only the derived helpers skip no-ops)', async () => {
        const { state } = make();
        const r = intResource('a', 1);
        await state.create(r);
        await state.update(r);
        expect(r.metadata.version).toBe(2);
      });
    });

    describe('modify and updateWithConflicts', () => {
      it('creates when missing, skips writes that change nothing, bumps on real changes', async () => {
        const { state } = make();
        const events = record(state.watchKind(KIND));
        const first = await state.modify(intResource('a'), (r) => {
          r.spec.value = 1;
        });
        expect(first.metadata.version).toBe(1);
        const same = await state.modify(intResource('a'), (r) => {
          r.spec.value = 1;
        });
        expect(same.metadata.version).toBe(1);
        const changed = await state.modify(intResource('a'), (r) => {
          r.spec.value = 2;
        });
        expect(changed.metadata.version).toBe(2);
        expect(describeEvents(events.values)).toEqual(['Created a@1', 'Updated a@2']);
        events.sub.unsubscribe();
      });

      it('retries on a concurrent version conflict and applies the function to the fresh copy', async () => {
        const { state } = make();
        await state.create(intResource('a', 1));
        let calls = 0;
        const result = await state.updateWithConflicts<IntSpec>(ptr('a'), async (r) => {
          calls++;
          if (calls === 1) {
            const other = await state.get(ptr('a'));
            (other.spec as IntSpec).value = 10;
            await state.update(other);
          }
          r.spec.value += 1;
        });
        expect(calls).toBe(2);
        expect(result.spec.value).toBe(11);
        expect(result.metadata.version).toBe(3);
      });

      it('refuses to modify a tearing-down resource', async () => {
        const { state } = make();
        await state.create(intResource('a', 1));
        await state.teardown(ptr('a'));
        const err = await rejection(
          state.modify(intResource('a'), (r) => {
            r.spec.value = 5;
          }),
        );
        expect(isPhaseConflict(err)).toBe(true);
        expect(err.message).toBe('resource IntResources.test.cosi.dev(default/a@2) is not in phase running');
      });
    });

    describe('teardown, finalizers and destroy', () => {
      it('bumps once per real change: finalizer added twice, removed, teardown twice', async () => {
        const { state } = make();
        await state.create(intResource('a'), { owner: 'ctrl' });
        await state.addFinalizer(ptr('a'), 'f1');
        await state.addFinalizer(ptr('a'), 'f1');
        expect((await state.get(ptr('a'))).metadata.version).toBe(2);
        await state.removeFinalizer(ptr('a'), 'missing');
        expect((await state.get(ptr('a'))).metadata.version).toBe(2);
        expect(await state.teardown(ptr('a'), { owner: 'ctrl' })).toBe(false);
        expect(await state.teardown(ptr('a'), { owner: 'ctrl' })).toBe(false);
        const torn = await state.get(ptr('a'));
        expect([torn.metadata.version, torn.metadata.phase]).toEqual([3, 'tearingDown']);
      });

      it('refuses to destroy with pending finalizers or as another owner, leaving the resource as it was', async () => {
        const { state } = make();
        await state.create(intResource('a'), { owner: 'ctrl' });
        await state.addFinalizer(ptr('a'), 'f1', 'f2');
        const pending = await rejection(state.destroy(ptr('a'), { owner: 'ctrl' }));
        expect(pending.message).toBe('resource IntResources.test.cosi.dev(default/a@2) has pending finalizers [f1 f2]');
        expect(isConflict(pending)).toBe(true);
        const owner = await rejection(state.destroy(ptr('a')));
        expect(owner.message).toBe('resource IntResources.test.cosi.dev(default/a@2) is owned by "ctrl"');
        const still = await state.get(ptr('a'));
        expect([still.metadata.version, still.metadata.finalizers]).toEqual([2, ['f1', 'f2']]);
        expect((await rejection(state.destroy(ptr('zzz')))).message).toBe(
          "resource IntResources.test.cosi.dev(default/zzz@undefined) doesn't exist",
        );
      });

      it('destroys with a Destroyed event carrying the last stored state', async () => {
        const { state } = make();
        await state.create(intResource('a', 5));
        const events = record(state.watch(ptr('a')));
        await state.destroy(ptr('a'));
        expect(describeEvents(events.values)).toEqual(['Created a@1', 'Destroyed a@1']);
        expect((events.values[1]?.resource.spec as IntSpec | undefined)?.value).toBe(5);
        events.sub.unsubscribe();
      });

      it('teardownAndDestroy waits for the finalizers to go: version trace 1→2→3→4→gone', async () => {
        const { state } = make();
        const versions: (number | string)[] = [];
        const watch = state.watch(ptr('a')).subscribe((e) => {
          versions.push(e.type === 'Destroyed' ? 'gone' : (e.resource.metadata.version ?? 0));
        });
        await state.create(intResource('a'));
        await state.addFinalizer(ptr('a'), 'cleanup');
        const done = state.teardownAndDestroy(ptr('a'));
        await new Promise((r) => setImmediate(r));
        expect((await state.get(ptr('a'))).metadata.phase).toBe('tearingDown');
        await state.removeFinalizer(ptr('a'), 'cleanup');
        await done;
        expect(versions).toEqual(['gone', 1, 2, 3, 4, 'gone']);
        watch.unsubscribe();
      });

      it('watchFor resolves with the first state meeting the conditions', async () => {
        const { state } = make();
        await state.create(intResource('a', 1));
        const waiting = state.watchFor(ptr('a'), { predicate: (r) => (r.spec as IntSpec).value >= 3 });
        for (const v of [2, 3, 4])
          await state.modify(intResource('a'), (r) => {
            r.spec.value = v;
          });
        expect(((await waiting).spec as IntSpec).value).toBe(3);
      });

      it('teardownSignal aborts when the resource starts tearing down', async () => {
        const { state } = make();
        await state.create(intResource('a'));
        const signal = state.teardownSignal(ptr('a'));
        expect(signal.aborted).toBe(false);
        await state.teardown(ptr('a'));
        expect(signal.aborted).toBe(true);
      });
    });
  });
}
