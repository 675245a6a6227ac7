// KeptClusters from code: a command that lets go of its cluster (detach) while an operation of its runs cannot
// journal that operation, and says so instead of reporting a success that later commands would not replay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKeptClusterError, KeptClusters } from '../../src/index.js';
import { rejection, thrown } from '../support/errors.js';

describe('KeptClusters.use', () => {
  it('refuses to journal an operation still running when the command let go of the cluster', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-kept-api-'));
    try {
      const kept = new KeptClusters(dir);
      const scenario = { text: 'talos: v1.10\nnodes: [10.5.0.2]\n', baseDir: dir, file: 's.yaml' };
      kept.create('k', scenario, { start: Date.UTC(2025, 0, 1), follow: false }, Date.now());
      await kept.use(
        'k',
        () => Date.now(),
        {},
        async (session) => {
          const running = session.record({ kind: 'reboot', node: '10.5.0.2' });
          session.detach();
          expect((await rejection(running)).message).toBe(
            'a kept cluster records nothing once its command has let go of it',
          );
          expect((await rejection(session.record({ kind: 'reboot', node: '10.5.0.2' }))).message).toBe(
            'a kept cluster records nothing once its command has let go of it',
          );
        },
      );
      expect(kept.read('k').journal).toEqual([]);
      // and one that ends before the command lets go is journaled
      await kept.use(
        'k',
        () => Date.now(),
        {},
        async (session) => {
          await session.record({ kind: 'reboot', node: '10.5.0.2' });
        },
      );
      expect(kept.read('k').journal.map((e) => e.operation.kind)).toEqual(['reboot']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an operation its journal could not read back, before doing it; the cluster stays usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-kept-api-'));
    try {
      const kept = new KeptClusters(dir);
      const scenario = { text: 'talos: v1.10\nnodes: [10.5.0.2]\n', baseDir: dir, file: 's.yaml' };
      kept.create('k', scenario, { start: Date.UTC(2025, 0, 1), follow: false }, Date.now());
      const upgrade = {
        kind: 'upgrade' as const,
        node: '10.5.0.2',
        extensions: [{ reference: 'ghcr.io/siderolabs/gvisor:20250707.0' }],
      };
      await kept.use(
        'k',
        () => Date.now(),
        {},
        async (session) => {
          const err = await rejection(session.record(upgrade));
          expect(isKeptClusterError(err) && err.detail.kind).toBe('unjournalable');
          expect(err.message).toBe(
            'cluster "k" cannot keep upgrade 10.5.0.2: a command could not read its journal entry back (operation: unexpected fields for upgrade); nothing was done',
          );
          await session.record({ kind: 'reboot', node: '10.5.0.2' });
        },
      );
      expect(kept.read('k').journal.map((e) => e.operation.kind)).toEqual(['reboot']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never writes a state it could not read: a scenario over the limit is not created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-kept-api-'));
    try {
      const kept = new KeptClusters(dir, { maxStateBytes: 1024 });
      const scenario = { text: `talos: v1.10\n# ${'x'.repeat(2000)}\n`, baseDir: dir, file: 's.yaml' };
      const err = thrown(() => kept.create('k', scenario, { start: 0, follow: false }, 0));
      expect(isKeptClusterError(err) && err.detail.kind).toBe('create-failed');
      expect(thrown(() => kept.read('k')).message).toMatch(/^cluster "k" does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
