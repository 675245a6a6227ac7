// The parts of a node that run while it is up, in boot order: the COSI controller runtime first, then (with the
// extension-services work) the service supervisor. Boot starts them in order; shutdown stops them in reverse.
import type { Controller, ControllerCheckpoint, ControllerRuntime } from '../cosi/index.js';

export interface NodeSubsystem {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether it has nothing left to do until an event arrives or time passes (settle waits for all of them). */
  readonly idle: boolean;
  /** Where it is once the node has settled, for a node that continues from there (undefined: it cannot). */
  checkpoint?(): unknown;
  /** start() for a node continuing from a checkpoint of the same subsystem: it goes on from where that one was. */
  resume?(checkpoint: unknown): Promise<void>;
}

/** machined's controller runtime as a subsystem: registers the release's controllers and runs them. */
export function controllerRuntimeSubsystem(
  runtime: ControllerRuntime,
  controllers: readonly Controller[],
): NodeSubsystem {
  return {
    name: 'controller-runtime',
    async start() {
      for (const controller of controllers) runtime.registerController(controller);
      runtime.start();
    },
    stop: () => runtime.stop(),
    get idle() {
      return runtime.idle;
    },
    checkpoint: () => runtime.checkpoint(),
    async resume(checkpoint) {
      for (const controller of controllers) runtime.registerController(controller);
      runtime.resume(checkpoint as readonly ControllerCheckpoint[]);
    },
  };
}
