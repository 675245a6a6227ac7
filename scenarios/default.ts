// The embedded default scenario, what `sim` talks to unless given --scenario or --talos: one node of Talos
// v1.11.2 installed from an Image Factory schematic with gVisor and DRBD, so it shows every kind of layer a
// modern node has (extensions, the virtual `schematic`, and `modules.dep`, since DRBD ships kernel modules).
import type { ScenarioSpec } from '../src/cluster/index.js';

export const defaultScenario: ScenarioSpec = {
  version: 'v1alpha1',
  talos: 'v1.11.2',
  nodes: ['172.20.0.2'],
  officialExtensions: ['siderolabs/gvisor', 'siderolabs/drbd'],
};
