// A controller runtime over an in-memory state on a virtual clock at 0, with deterministic jitter (0.5 = nominal).
import {
  ControllerRuntime,
  constantRandom,
  InMemoryState,
  MemoryLogger,
  State,
  VirtualClock,
} from '../../../src/cosi/index.js';

export function runtimeSetup() {
  const clock = new VirtualClock(0);
  const state = new State(new InMemoryState({ clock, random: constantRandom(0.3) }));
  const logger = new MemoryLogger();
  const runtime = new ControllerRuntime({ state, clock, random: constantRandom(0.5), logger });
  return { clock, state, logger, runtime };
}
