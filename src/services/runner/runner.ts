// What runs a service (runner.Runner): open, run until the process ends or stop is requested, close. `run`
// reports state changes through the event sink and PIDs through the recorder; `stop` asks a running `run` to end
// and resolves once it has.
import type { ServiceState } from '../service-state.js';

export type EventSink = (state: ServiceState, message: string) => void;

/** pid.Recorder: records a task's PID when it starts, clears it (clear = true) when it ends. */
export type PidRecorder = (serviceId: string, pid: number, clear: boolean) => Promise<void>;

export interface Runner {
  open(): Promise<void>;
  run(sink: EventSink, recordPid: PidRecorder): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
  /** `Containerd(ext-x)`, `Restart(Forever, Containerd(ext-x))`. */
  toString(): string;
}
