// runner/restart: re-runs the wrapped runner by policy with a fixed 5 s interval. Forever restarts after any exit;
// UntilSuccess until a run succeeds; Once returns the first run's result. A stop during the interval ends the
// sequence with `Aborting restart sequence`. Waits are on the injected clock.
import type { Clock } from '../../cosi/index.js';
import { ABORTED, raceAbort, settle } from '../abortable.js';
import { errorText, ServiceError } from '../service-error.js';
import type { EventSink, PidRecorder, Runner } from './runner.js';

export type RestartType = 'Forever' | 'Once' | 'UntilSuccess';

/** restart.DefaultOptions().RestartInterval. */
export const RESTART_INTERVAL_MS = 5000;

export class RestartRunner implements Runner {
  #stop = new AbortController();
  #stopped: Promise<void> = Promise.resolve();

  constructor(
    private readonly wrapped: Runner,
    readonly type: RestartType,
    private readonly clock: Clock,
    private readonly interval = RESTART_INTERVAL_MS,
  ) {}

  open(): Promise<void> {
    return this.wrapped.open();
  }

  run(sink: EventSink, recordPid: PidRecorder): Promise<void> {
    const done = this.#loop(sink, recordPid);
    this.#stopped = done.then(
      () => {},
      () => {},
    );
    return done;
  }

  async #loop(sink: EventSink, recordPid: PidRecorder): Promise<void> {
    const stop = this.#stop.signal;
    for (;;) {
      const run = settle(this.wrapped.run(sink, recordPid));
      const first = await raceAbort(run, stop);
      if (first === ABORTED) {
        await settle(this.wrapped.stop());
        const result = await run;
        if (!result.ok) throw result.error;
        return;
      }
      const stopped = await settle(this.wrapped.stop());
      if (!stopped.ok) throw stopped.error;
      const failure = first.ok ? undefined : errorText(first.error);
      switch (this.type) {
        case 'Once':
          if (failure !== undefined) throw ServiceError.failed(failure);
          return;
        case 'UntilSuccess':
          if (failure === undefined) return;
          sink('Waiting', `Error running ${this.wrapped}, going to restart until it succeeds: ${failure}`);
          break;
        case 'Forever':
          sink(
            'Waiting',
            failure === undefined
              ? `Runner ${this.wrapped} exited without error, going to restart it`
              : `Error running ${this.wrapped}, going to restart forever: ${failure}`,
          );
          break;
      }
      try {
        await this.clock.sleep(this.interval, stop);
      } catch {
        sink('Stopping', 'Aborting restart sequence');
        return;
      }
    }
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#stopped;
  }

  close(): Promise<void> {
    return this.wrapped.close();
  }

  toString(): string {
    return `Restart(${this.type}, ${this.wrapped})`;
  }
}
