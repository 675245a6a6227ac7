import { InMemoryState, State, seededRandom, VirtualClock } from '../../src/cosi/index.js';
import { describeStateConformance } from './conformance/state-suite.js';
import { describeWatchConformance } from './conformance/watch-suite.js';

const make = () => {
  const clock = new VirtualClock();
  return { clock, state: new State(new InMemoryState({ clock, random: seededRandom(1) })) };
};

describeStateConformance('InMemoryState', make);
describeWatchConformance('InMemoryState', make);
