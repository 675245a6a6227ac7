// Metadata keeps labels, annotations and times in private fields (made on demand; times as milliseconds): what a
// user sees of them must not change for that.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Metadata } from '../../src/cosi/index.js';

const md = (init: Partial<ConstructorParameters<typeof Metadata>[0]> = {}) =>
  new Metadata({ namespace: 'runtime', type: 'Things.talos.dev', id: 'a', version: 1, ...init });

describe('Metadata', () => {
  it('stores labels and annotations written through the maps, and copies them', () => {
    const a = md();
    a.labels.set('k', 'v');
    a.annotations.set('note', 'x');
    const copy = a.copy();
    expect([...copy.labels]).toEqual([['k', 'v']]);
    expect([...copy.annotations]).toEqual([['note', 'x']]);
    copy.labels.set('k', 'w');
    expect(a.labels.get('k')).toBe('v');
  });

  it('compares as cosi does: labels and annotations count, an empty map equals none, times do not', () => {
    const a = md({ created: new Date(1000) });
    const b = md({ created: new Date(2000), labels: [] });
    expect(a.equal(b)).toBe(true);
    b.labels.set('k', 'v');
    expect(a.equal(b)).toBe(false);
    expect(b.equal(a)).toBe(false);
    a.labels.set('k', 'v');
    expect(a.equal(b)).toBe(true);
  });

  it('compares with a metadata of another copy of the module through its getters', () => {
    const a = md({ labels: [['k', 'v']] });
    const foreign = { ...a.toJSON(), labels: new Map([['k', 'v']]), annotations: new Map() } as unknown as Metadata;
    expect(a.equal(foreign)).toBe(true);
  });

  it('reads times as new Dates and takes Dates', () => {
    const a = md({ created: new Date(5000) });
    expect(a.updated.getTime()).toBe(5000);
    a.created.setTime(0); // a Date read out is the caller's
    expect(a.created.getTime()).toBe(5000);
    a.updated = new Date(9000);
    expect(a.copy().updated.getTime()).toBe(9000);
  });

  it('shows every field to JSON.stringify and util.inspect', () => {
    const a = md({ created: new Date(0), labels: [['k', 'v']] });
    expect(JSON.parse(JSON.stringify(a))).toEqual({
      namespace: 'runtime',
      type: 'Things.talos.dev',
      id: 'a',
      version: 1,
      owner: '',
      phase: 'running',
      created: '1970-01-01T00:00:00.000Z',
      updated: '1970-01-01T00:00:00.000Z',
      labels: { k: 'v' },
      annotations: {},
      finalizers: [],
    });
    expect(inspect(a)).toContain("labels: { k: 'v' }");
    expect(inspect(a)).toContain('created: 1970-01-01T00:00:00.000Z');
  });
});
