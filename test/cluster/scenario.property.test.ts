// Scenario fuzzing: whatever a user writes (random YAML text, random values under the known keys, mutations of a
// valid scenario), reading it ends in a plan or a ScenarioError, never another exception, quickly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { NODE_KEYS, SCENARIO_KEYS } from '../../src/cluster/cluster-plan.js';
import { STEP_KINDS } from '../../src/cluster/scenario-steps.js';
import { createDefaultCatalog, isScenarioError, readScenario, type ScenarioSpec } from '../../src/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 200);
const catalog = createDefaultCatalog();
const TIME_BOUND_MS = 1000;
/** Heap one reading may add: far above what any of these small inputs needs, far below a runaway. */
const HEAP_BOUND_BYTES = 64 * 1024 * 1024;
/** Long runs (FC_NUM_RUNS=20000) take seconds per property. */
const TEST_TIMEOUT = 5000 + runs * 5;

function readsOrRefuses(scenario: ScenarioSpec | string): void {
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  try {
    readScenario(scenario, { catalog, cwd: import.meta.dirname });
  } catch (err) {
    if (!isScenarioError(err)) throw err;
    expect(err.message).not.toMatch(/\n/);
  }
  expect(performance.now() - start).toBeLessThan(TIME_BOUND_MS);
  expect(process.memoryUsage().heapUsed - heap).toBeLessThan(HEAP_BOUND_BYTES);
}

const STEP_KEYS = [...STEP_KINDS, 'node', 'id', 'action'];

const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('v1.11.2', 'v1.10', 'v9.9.9', '10.5.0.2', 'fd00::1', 'node-a', 'siderolabs/gvisor', './x', ''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('any'), { maxLength: 4 }), tie('map')),
  map: fc.dictionary(
    fc.oneof(fc.constantFrom(...SCENARIO_KEYS, ...NODE_KEYS, ...STEP_KEYS, 'ref', 'path', 'inline'), fc.string()),
    tie('any'),
    {
      maxKeys: 5,
    },
  ),
})).any;

const node = fc.oneof(
  fc.constantFrom('10.5.0.2', '10.5.0.3', '999.1.1.1', ''),
  fc.record(
    {
      address: fc.constantFrom('10.5.0.2', '10.5.0.3', 'a.example'),
      talos: scalar,
      extensions: value,
      config: value,
      services: value,
      hold: value,
    },
    { requiredKeys: ['address'] },
  ),
);
const stepNode = fc.constantFrom('10.5.0.2', '10.5.0.3', 'elsewhere');
const serviceStep = fc.oneof(
  fc.record({
    service: fc.record(
      { node: stepNode, id: scalar, action: fc.oneof(fc.constantFrom('start', 'stop', 'restart'), scalar) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    hold: fc.record({ node: stepNode, network: fc.oneof(fc.boolean(), scalar), time: value }, { requiredKeys: [] }),
  }),
);
const behaviours = fc.dictionary(
  fc.constantFrom('tailscale', 'ext-hello-world', ''),
  fc.oneof(
    value,
    fc.record(
      {
        failTimes: scalar,
        runFor: fc.oneof(fc.constantFrom('5s', '1h30m', '-1s'), scalar),
        logs: value,
        ignoreSigterm: scalar,
      },
      { requiredKeys: [] },
    ),
  ),
  { maxKeys: 3 },
);
const scenario = fc.record(
  {
    version: fc.oneof(fc.constant('v1alpha1'), scalar),
    clock: fc.oneof(fc.constant('2025-01-02T03:04:05Z'), scalar),
    talos: fc.oneof(fc.constantFrom('v1.11.2', 'v1.9', 'v1.3.0'), scalar),
    nodes: fc.oneof(fc.array(node, { maxLength: 4 }), value),
    officialExtensions: fc.oneof(fc.constant(['siderolabs/gvisor']), value),
    extensions: value,
    steps: fc.oneof(fc.constant([]), value, fc.array(serviceStep, { maxLength: 3 })),
    services: fc.oneof(value, behaviours),
    hold: fc.oneof(value, fc.record({ network: fc.oneof(fc.boolean(), scalar), time: scalar }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

describe('scenario fuzzing', () => {
  it(
    'random YAML text',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => readsOrRefuses(`${text}\n`)),
        { numRuns: runs },
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'random values under the known keys, as objects and as YAML',
    () => {
      fc.assert(
        fc.property(scenario, (s) => {
          readsOrRefuses(s as ScenarioSpec);
          readsOrRefuses(`${stringify(s)}\n`);
        }),
        { numRuns: runs },
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'any value at all',
    () => {
      fc.assert(
        fc.property(value, (v) => readsOrRefuses(v as ScenarioSpec)),
        { numRuns: runs },
      );
    },
    TEST_TIMEOUT,
  );
});
