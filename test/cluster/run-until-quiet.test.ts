// runUntilQuiet: a booted cluster's virtual time runs until no service event and no resource event happened for
// the quiet period, or the limit ran out (a service that keeps restarting never lets it be quiet).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster, createCluster, isClusterError, runUntilQuiet, SystemClock } from '../../src/index.js';

const SCENARIO = join(import.meta.dirname, '..', 'fixtures', 'cli', 'services', 'scenario.yaml');

describe('runUntilQuiet', () => {
  it('stops 10 s after the last change (tailscale re-words its Waiting event 1 s after boot)', async () => {
    await using cluster = await createCluster(SCENARIO, { cwd: join(SCENARIO, '..') });
    const start = cluster.clock.now();
    expect(await runUntilQuiet(cluster)).toEqual({ elapsed: 11_000, quiet: true });
    expect(cluster.clock.now() - start).toBe(11_000);
    // the quiet period counts from the call
    expect(await runUntilQuiet(cluster, { quiet: 5_000 })).toEqual({ elapsed: 5_000, quiet: true });
  });

  it('gives up at the limit when a service keeps restarting (a Waiting and a Running event every 5 s)', async () => {
    await using cluster = await createCluster(SCENARIO, { cwd: join(SCENARIO, '..'), boot: false });
    cluster.node('10.5.0.3').services.register('./hello-world', async (ctx) => {
      ctx.log('crashing');
      return 1;
    });
    await cluster.boot();
    expect(await runUntilQuiet(cluster, { max: 30_000 })).toEqual({ elapsed: 30_000, quiet: false });
    const events = cluster.node('10.5.0.3').services.get('ext-hello-world')?.events ?? [];
    expect(events.at(-1)?.message).toMatch(/^(Started task|Error running Containerd)/);
  });

  it('needs virtual time and sensible durations', async () => {
    const err = await runUntilQuiet(new Cluster(new SystemClock(), [])).catch((e: unknown) => e);
    expect(isClusterError(err) && err.kind).toBe('not-virtual-time');
    await using cluster = await createCluster(SCENARIO, { cwd: join(SCENARIO, '..') });
    const bad = await runUntilQuiet(cluster, { step: 0 }).catch((e: unknown) => e);
    expect(isClusterError(bad) && bad.kind).toBe('invalid-duration');
  });
});
