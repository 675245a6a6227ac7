// Restart policies with the fixed 5 s interval and their messages (runner/restart), the task failure text per
// release, and the Finished / Failed endings the supervisor records.
import { describe, expect, it } from 'vitest';
import { RestartKind } from '../../src/extensions/services/index.js';
import { fixture } from './service-fixtures.js';

const failing = (code: number, line: string) => () => ({ logs: [line], runFor: 1000, exitCode: code });

describe('restart policies', () => {
  it('always: restarts a failing task every 5 s, with the last log in the error (v1.12+)', async () => {
    const f = fixture({ behaviours: { a: failing(3, 'boom')() } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, restart: RestartKind.always });
    await f.clock.advance(12_000);
    expect(f.timeline(id).slice(4)).toEqual([
      '0s [Running]: Started task ext-a (PID 1000) for container ext-a',
      '1s [Waiting]: Error running Containerd(ext-a), going to restart forever: task "ext-a" failed: exit code 3 (last log "boom")',
      '6s [Running]: Started task ext-a (PID 1001) for container ext-a',
      '7s [Waiting]: Error running Containerd(ext-a), going to restart forever: task "ext-a" failed: exit code 3 (last log "boom")',
      '12s [Running]: Started task ext-a (PID 1002) for container ext-a',
    ]);
    expect(
      f.supervisor
        .serviceLog(id)
        .lines()
        .map((l) => l.text),
    ).toEqual(['boom', 'boom', 'boom']);
  });

  it('always: says it restarts a task that exited without error', async () => {
    const f = fixture({ behaviours: { a: { runFor: 2000 } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, restart: RestartKind.always });
    await f.clock.advance(7000);
    expect(f.timeline(id).slice(5)).toEqual([
      '2s [Waiting]: Runner Containerd(ext-a) exited without error, going to restart it',
      '7s [Running]: Started task ext-a (PID 1001) for container ext-a',
    ]);
  });

  it('v1.11 has no last log in the task error', async () => {
    const f = fixture({ talosVersion: 'v1.11.6', behaviours: { a: failing(1, 'x')() } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(1000);
    expect(f.events(id).at(-1)).toBe(
      '[Waiting]: Error running Containerd(ext-a), going to restart forever: task "ext-a" failed: exit code 1',
    );
  });

  it('keeps only the newest 512 bytes of whole lines as the last log, Go-quoted', async () => {
    const long = 'y'.repeat(300);
    const f = fixture({ behaviours: { a: { logs: ['first', long, 'tab\there', long], runFor: 0, exitCode: 2 } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(0);
    expect(f.events(id).at(-1)).toBe(
      `[Waiting]: Error running Containerd(ext-a), going to restart forever: task "ext-a" failed: exit code 2 (last log "tab\\there\\n${long}")`,
    );
  });

  it('untilSuccess: retries failures every 5 s, then finishes', async () => {
    const f = fixture({ behaviours: { a: { failTimes: 2, failExitCode: 1, logs: ['try'], runFor: 1000 } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' }, restart: RestartKind.untilSuccess });
    await f.clock.advance(20_000);
    expect(f.timeline(id).slice(4)).toEqual([
      '0s [Running]: Started task ext-a (PID 1000) for container ext-a',
      '1s [Waiting]: Error running Containerd(ext-a), going to restart until it succeeds: task "ext-a" failed: exit code 1 (last log "try")',
      '6s [Running]: Started task ext-a (PID 1001) for container ext-a',
      '7s [Waiting]: Error running Containerd(ext-a), going to restart until it succeeds: task "ext-a" failed: exit code 1 (last log "try")',
      '12s [Running]: Started task ext-a (PID 1002) for container ext-a',
      '13s [Finished]: Service finished successfully',
    ]);
    expect(f.supervisor.isRunning(id).running).toBe(false);
  });

  it('never: a success finishes, a failure fails with the wrapped error', async () => {
    const f = fixture({ behaviours: { ok: { runFor: 1000 }, bad: { runFor: 1000, exitCode: 7, logs: ['oops'] } } });
    const ok = await f.extension({ name: 'ok', container: { entrypoint: './ok' }, restart: RestartKind.never });
    const bad = await f.extension({ name: 'bad', container: { entrypoint: './bad' }, restart: RestartKind.never });
    await f.clock.advance(2000);
    expect(f.events(ok).at(-1)).toBe('[Finished]: Service finished successfully');
    expect(f.events(bad).at(-1)).toBe(
      '[Failed]: Failed running service: error running service: task "ext-bad" failed: exit code 7 (last log "oops")',
    );
  });

  it('fails the task as runc does when the entrypoint is missing from the service root', async () => {
    const f = fixture();
    const id = await f.extension(
      { name: 'gone', container: { entrypoint: './gone' }, restart: RestartKind.never },
      { noEntrypoint: true },
    );
    await f.clock.advance(0);
    expect(f.events(id).at(-1)).toBe(
      '[Failed]: Failed running service: error running service: failed to create task: "ext-gone": failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "./gone": stat ./gone: no such file or directory: unknown',
    );
  });

  it('runs 1000 restart cycles (5000 virtual seconds) without waiting for real time', async () => {
    const f = fixture({ behaviours: { a: { runFor: 0, exitCode: 1 } } });
    const id = await f.extension({ name: 'a', container: { entrypoint: './a' } });
    await f.clock.advance(5000 * 1000);
    const info = f.supervisor.get(id);
    expect(info?.events).toHaveLength(64);
    expect(f.timeline(id).slice(-2)).toEqual([
      '5000s [Running]: Started task ext-a (PID 2000) for container ext-a',
      '5000s [Waiting]: Error running Containerd(ext-a), going to restart forever: task "ext-a" failed: exit code 1 (last log "")',
    ]);
  });
});
