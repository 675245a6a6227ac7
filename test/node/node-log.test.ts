// The node's log ring: bounded (the oldest entries go, and are counted), in order, level-filtered, forwarded.
import { describe, expect, it } from 'vitest';
import { createNode, MemoryLogger, NodeLog, type NodeLogEntry, VirtualClock } from '../../src/index.js';

describe('NodeLog', () => {
  it('keeps the newest entries up to its capacity, oldest first, and counts what it pushed out', () => {
    const clock = new VirtualClock();
    const log = new NodeLog({ clock, capacity: 3 });
    const machined = log.logger({ component: 'machined' });
    for (let i = 1; i <= 5; i++) machined.log('info', `line ${i}`);
    expect(log.entries().map((e) => e.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(log.entries()[0]?.fields).toEqual({ component: 'machined' });
    expect(log.dropped).toBe(2);
  });

  it('drops entries below its level and forwards the kept ones', () => {
    const forward = new MemoryLogger();
    const log = new NodeLog({ clock: new VirtualClock(), level: 'warn', forward });
    log.append('info', 'quiet');
    log.append('error', 'loud', { node: 'a' });
    expect(log.entries().map((e) => e.message)).toEqual(['loud']);
    expect(forward.entries.map((e) => e.message)).toEqual(['loud']);
  });

  it("bounds a node's log at its capacity however much the node logs", async () => {
    const node = await createNode({ logCapacity: 50 });
    await node.boot();
    for (let i = 0; i < 10; i++) await node.reboot();
    expect(node.log.entries()).toHaveLength(50);
    expect(node.log.dropped).toBeGreaterThan(0);
    await node.shutdown();
  });

  it('holds the current boot apart, as a new kernel starts with an empty buffer, ring overflow included', () => {
    const log = new NodeLog({ clock: new VirtualClock(), capacity: 4 });
    log.append('info', 'boot 1');
    const at = log.position;
    log.append('info', 'boot 2 a');
    log.append('info', 'boot 2 b');
    expect(log.currentBoot().map((e) => e.message)).toEqual(['boot 1', 'boot 2 a', 'boot 2 b']);
    log.markBoot(at);
    expect(log.currentBoot().map((e) => e.message)).toEqual(['boot 2 a', 'boot 2 b']);
    for (let i = 0; i < 5; i++) log.append('info', `more ${i}`);
    expect(log.currentBoot().map((e) => e.message)).toEqual(['more 1', 'more 2', 'more 3', 'more 4']);
    log.markBoot();
    expect(log.currentBoot()).toEqual([]);
  });

  it('starts the current boot at each reboot; entries() keeps the earlier boots', async () => {
    const node = await createNode({ talosVersion: 'v1.11.2' });
    await node.boot();
    expect(node.log.currentBoot()).toEqual(node.log.entries());
    await node.reboot();
    const reboots = (entries: NodeLogEntry[]) => entries.filter((e) => e.message.startsWith('reboot via API'));
    expect(reboots(node.log.entries())).toHaveLength(1);
    expect(reboots(node.log.currentBoot())).toEqual([]);
    // the old boot's services finished before the new kernel: the new buffer starts with the next boot's services
    expect(node.log.currentBoot().filter((e) => e.message.includes('(Finished)'))).toEqual([]);
    expect(node.log.currentBoot()[0]?.message).toBe('service[apid](Starting): Starting service');
    expect(node.log.currentBoot()).toEqual(node.log.entries().slice(-node.log.currentBoot().length));
    await node.shutdown();
  });
});
