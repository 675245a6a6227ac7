// Conformance suite for watches over any CoreState: initial state, bootstrap, filters,
// aggregation, replay, bookmarks, overrun and release on unsubscribe.
import { describe, expect, it } from 'vitest';
import { isInvalidBookmark, isTombstone, type StateEvent } from '../../../src/cosi/index.js';
import {
  describeEvents,
  intResource,
  KIND,
  ManualScheduler,
  NS,
  ptr,
  record,
  type StateFactory,
  TYPE,
} from './fixtures.js';

export function describeWatchConformance(name: string, make: StateFactory): void {
  describe(`${name}: watch conformance`, () => {
    it('watch on a missing id starts with a Destroyed tombstone, then follows only that id', async () => {
      const { state } = make();
      const events = record(state.watch(ptr('a')));
      await state.create(intResource('b'));
      await state.create(intResource('a'));
      await state.modify(intResource('a'), (r) => {
        r.spec.value = 1;
      });
      expect(describeEvents(events.values)).toEqual(['Destroyed a@undefined', 'Created a@1', 'Updated a@2']);
      expect(isTombstone(events.values[0]?.resource as never)).toBe(true);
      events.sub.unsubscribe();
    });

    it('watchKind with bootstrap sends Created per resource sorted by id, Bootstrapped, then live events', async () => {
      const { state } = make();
      for (const id of ['c', 'a', 'b']) await state.create(intResource(id));
      const events = record(state.watchKind(KIND, { bootstrapContents: true }));
      await state.create(intResource('d'));
      await state.destroy(ptr('a'));
      expect(describeEvents(events.values)).toEqual([
        'Created a@1',
        'Created b@1',
        'Created c@1',
        'Bootstrapped @undefined',
        'Created d@1',
        'Destroyed a@1',
      ]);
      const boot = events.values[3] as StateEvent;
      expect(boot.bookmark?.length).toBe(16);
      events.sub.unsubscribe();
    });

    it('watchKind without bootstrap delivers only future events', async () => {
      const { state } = make();
      await state.create(intResource('a'));
      const events = record(state.watchKind(KIND));
      await state.create(intResource('b'));
      expect(describeEvents(events.values)).toEqual(['Created b@1']);
      events.sub.unsubscribe();
    });

    it('a label-filtered watch turns updates that change the match into Created/Destroyed', async () => {
      const { state } = make();
      const events = record(
        state.watchKind(KIND, { labelQueries: [{ terms: [{ key: 'app', op: 'equal', values: ['x'] }] }] }),
      );
      await state.create(intResource('a'));
      const label = (v: string | undefined) =>
        state.modify(intResource('a'), (r) => {
          if (v === undefined) r.metadata.labels.delete('app');
          else r.metadata.labels.set('app', v);
        });
      await label('x');
      await state.modify(intResource('a'), (r) => {
        r.spec.value = 9;
      });
      await label('y');
      await label(undefined);
      expect(describeEvents(events.values)).toEqual(['Created a@2', 'Updated a@3', 'Destroyed a@4']);
      events.sub.unsubscribe();
    });

    it('watchKindAggregated delivers the bootstrap snapshot and Bootstrapped as one batch', async () => {
      const { state } = make();
      await state.create(intResource('a'));
      await state.create(intResource('b'));
      const batches = record(state.watchKindAggregated(KIND, { bootstrapContents: true }));
      await state.create(intResource('c'));
      expect(batches.values.map(describeEvents)).toEqual([
        ['Created a@1', 'Created b@1', 'Bootstrapped @undefined'],
        ['Created c@1'],
      ]);
      batches.sub.unsubscribe();
    });

    it('replays tail events and resumes after a bookmark', async () => {
      const { state } = make();
      for (const id of ['a', 'b', 'c']) await state.create(intResource(id));
      const tail = record(state.watchKind(KIND, { tailEvents: 2 }));
      expect(describeEvents(tail.values)).toEqual(['Created b@1', 'Created c@1']);
      const bookmark = tail.values[0]?.bookmark as Uint8Array;
      const resumed = record(state.watchKind(KIND, { startFromBookmark: bookmark }));
      expect(describeEvents(resumed.values)).toEqual(['Created c@1']);
      const single = record(state.watch(ptr('b'), { tailEvents: 5 }));
      expect(describeEvents(single.values)).toEqual(['Created b@1']);
      for (const r of [tail, resumed, single]) r.sub.unsubscribe();
    });

    it('refuses foreign bookmarks and conflicting options', async () => {
      const { state } = make();
      await state.create(intResource('a'));
      const bad = record(state.watchKind(KIND, { startFromBookmark: new Uint8Array(16) }));
      expect(isInvalidBookmark(bad.errors[0])).toBe(true);
      expect((bad.errors[0] as Error).message).toBe('invalid watch bookmark');
      const both = record(state.watchKind(KIND, { bootstrapContents: true, tailEvents: 1 }));
      expect((both.errors[0] as Error).message).toBe(
        'cannot use BootstrapContents with TailEvents and StartFromBookmark options',
      );
    });

    it('ends a subscriber that falls behind the history with one Errored buffer-overrun event', async () => {
      const { state } = make();
      const scheduler = new ManualScheduler();
      const events = record(state.watchKind(KIND, { scheduler }));
      scheduler.flush();
      for (let i = 0; i < 2000; i++) await state.create(intResource(`r${i}`));
      scheduler.flush();
      expect(events.values).toHaveLength(1);
      const errored = events.values[0] as StateEvent;
      expect(errored.type).toBe('Errored');
      expect(errored.error?.message).toBe(
        `buffer overrun: namespace "${NS}" type "${TYPE}", write pos 2000, pos 0, capacity 1024`,
      );
      expect(events.done()).toBe(true);
    });

    it('keeps up when deferred delivery stays within the history', async () => {
      const { state } = make();
      const scheduler = new ManualScheduler();
      const events = record(state.watchKind(KIND, { scheduler }));
      for (let i = 0; i < 500; i++) await state.create(intResource(`r${i}`));
      scheduler.flush();
      expect(events.values).toHaveLength(500);
      expect(events.values.every((e) => e.type === 'Created')).toBe(true);
      events.sub.unsubscribe();
    });

    it('delivers in order and never re-enters a subscriber that writes while handling an event', async () => {
      const { state } = make();
      const seen: string[] = [];
      let depth = 0;
      const sub = state.watchKind(KIND).subscribe((e) => {
        depth++;
        expect(depth).toBe(1);
        seen.push(e.resource.metadata.id);
        if (e.resource.metadata.id === 'a') void state.create(intResource('b'));
        depth--;
      });
      await state.create(intResource('a'));
      await state.create(intResource('c'));
      expect(seen).toEqual(['a', 'b', 'c']);
      sub.unsubscribe();
    });

    it('stops delivering after unsubscribe', async () => {
      const { state } = make();
      const events = record(state.watchKind(KIND));
      await state.create(intResource('a'));
      events.sub.unsubscribe();
      await state.create(intResource('b'));
      expect(describeEvents(events.values)).toEqual(['Created a@1']);
    });
  });
}
