// The node's log ring: bounded (the oldest entries go, and are counted), in order, level-filtered, forwarded.
import { describe, expect, it } from 'vitest';
import { createNode, MemoryLogger, NodeLog, VirtualClock } from '../../src/index.js';

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
});
