// A node answers embedders by typed resource type or by any name talosctl accepts, watches until shutdown, and
// waits in virtual time.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createCluster,
  type ExtensionStatusSpec,
  ExtensionStatusType,
  isWaitTimeoutError,
  MachineConfigType,
  type Resource,
  type StateEvent,
} from '../../src/index.js';
import { rejection } from '../support/errors.js';

const scenario = { talos: 'v1.11.2', officialExtensions: ['siderolabs/gvisor'], nodes: ['10.5.0.2'] };

describe('node resource queries', () => {
  it('get and list take a type object (typed) or an alias, in the default namespace', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    const typed = await node.list(ExtensionStatusType);
    expectTypeOf(typed).toEqualTypeOf<Resource<ExtensionStatusSpec>[]>();
    expect(typed.map((r) => r.spec.metadata.name)).toEqual(['gvisor', 'schematic']);
    for (const name of ['es', 'extensions', 'ExtensionStatus', 'extensionstatuses.runtime.talos.dev']) {
      expect((await node.list(name)).map((r) => r.metadata.id)).toEqual(['0', '1']);
    }
    const one = await node.get(ExtensionStatusType, '0');
    expect(one.spec.image).toBe('0.sqsh');
    expect((await rejection(node.get('es', '9'))).message).toBe(
      "rpc error: code = NotFound desc = resource ExtensionStatuses.runtime.talos.dev(runtime/9@undefined) doesn't exist",
    );
    expect((await rejection(node.list('nope'))).message).toBe('resource "nope" is not registered');
  });

  it('watch sends the current resources, then changes, and completes at shutdown', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    const seen: string[] = [];
    let completed = false;
    node.watch('mc').subscribe({
      next: (e: StateEvent) => seen.push(`${e.type} ${e.resource.metadata.id} ${e.resource.metadata.version}`),
      complete: () => (completed = true),
    });
    await node.settle();
    await node.applyConfig('version: v1alpha1\nmachine:\n  type: worker\n');
    await node.applyConfig('version: v1alpha1\nmachine:\n  type: controlplane\n');
    await node.shutdown();
    expect(seen).toEqual(['Bootstrapped  undefined', 'Created v1alpha1 1', 'Updated v1alpha1 2']);
    expect(completed).toBe(true);
  });

  it('waitFor resolves when a resource matches, and times out only as virtual time passes', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    expect((await node.waitFor(ExtensionStatusType, (r) => r.spec.metadata.name === 'gvisor')).metadata.id).toBe('0');
    const worker = node.waitFor(MachineConfigType, (r) => r.spec.text.includes('worker'), { timeout: 5000 });
    await cluster.advance('4s');
    await node.applyConfig('version: v1alpha1\nmachine:\n  type: worker\n');
    expect((await worker).metadata.version).toBe(1);
    const never = node.waitFor(MachineConfigType, (r) => r.spec.text.includes('controlplane'), { timeout: 5000 });
    let settled = false;
    void never.then(
      () => (settled = true),
      () => (settled = true),
    );
    await cluster.advance('4999ms');
    expect(settled).toBe(false);
    await cluster.advance('1ms');
    const err = await rejection(never);
    expect(isWaitTimeoutError(err)).toBe(true);
    expect(err.message).toBe('node 10.5.0.2: no MachineConfigs.config.talos.dev resource matched within 5000 ms');
  });

  it('waits and watches on a node not booted yet, from its boot on', async () => {
    await using cluster = await createCluster(scenario, { boot: false });
    const node = cluster.node('10.5.0.2');
    const waited = node.waitFor(ExtensionStatusType, (r) => r.spec.metadata.name === 'gvisor', { timeout: 1000 });
    const seen: string[] = [];
    node.watch('es').subscribe((event) => {
      if (event.type === 'Created') seen.push(event.resource.metadata.id);
    });
    // get and list answer at once: before its boot the node has no resource types
    expect((await rejection(node.list('es'))).message).toBe('resource "es" is not registered');
    await cluster.boot();
    expect((await waited).spec.image).toBe('0.sqsh');
    expect(seen).toEqual(['0', '1']);
    // the timeout runs from the call, in virtual time, also while the node has not booted
    await using later = await createCluster(scenario, { boot: false });
    const never = rejection(later.node('10.5.0.2').waitFor('es', () => false, { timeout: 500 }));
    await later.advance(500);
    expect(isWaitTimeoutError(await never)).toBe(true);
  });

  it('waitFor rejects with the error its predicate throws, and refuses a timeout that is not one', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('uncaughtException', onUnhandled);
    try {
      await node.applyConfig('version: v1alpha1\nmachine:\n  type: controlplane\n');
      let calls = 0;
      const err = await rejection(
        node.waitFor('mc', (r) => {
          calls++;
          return (r.spec as unknown as { nested: { field: number } }).nested.field === 1;
        }),
      );
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message).toMatch(/reading 'field'/);
      // the watch is gone: a later change reaches no predicate
      const seen = calls;
      await node.applyConfig('version: v1alpha1\nmachine:\n  type: worker\n');
      await node.settle();
      expect([calls, unhandled]).toEqual([seen, []]);
    } finally {
      process.off('uncaughtException', onUnhandled);
    }
    for (const timeout of [Number.NaN, -1]) {
      expect((await rejection(node.waitFor('es', () => true, { timeout }))).message).toBe(
        `waitFor: timeout ${timeout} is not a number of milliseconds >= 0`,
      );
    }
  });
});
