// A controller runtime on an in-memory state and a virtual clock, with a tmpfs node filesystem: what the
// controller tests of extension services run on.
import {
  type Controller,
  ControllerRuntime,
  constantRandom,
  InMemoryState,
  MemoryLogger,
  State,
  VirtualClock,
} from '../../src/cosi/index.js';
import { createNodeFs, type NodeFs, Tmpfs } from '../../src/overlayfs-sim/index.js';

export interface ControllerFixture {
  readonly clock: VirtualClock;
  readonly state: State;
  readonly runtime: ControllerRuntime;
  readonly logger: MemoryLogger;
  readonly fs: NodeFs;
  start(...controllers: Controller[]): Promise<void>;
  /** Lets the runtime settle (time does not pass). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export function controllerFixture(): ControllerFixture {
  const clock = new VirtualClock();
  const state = new State(new InMemoryState({ clock }));
  const logger = new MemoryLogger();
  const runtime = new ControllerRuntime({ state, clock, random: constantRandom(0.5), logger });
  const fs = createNodeFs(new Tmpfs({ now: () => clock.now() }));
  return {
    clock,
    state,
    runtime,
    logger,
    fs,
    async start(...controllers) {
      for (const c of controllers) runtime.registerController(c);
      runtime.start();
      await runtime.settle();
    },
    settle: () => runtime.settle(),
    stop: () => runtime.stop(),
  };
}
