// Running a scenario script: boot its cluster, carry out its steps in order, check each `run` step's output, stop
// at the first failure. `sim scenario run` prints the results; tests and embedders get them as data.
import { goQuote } from '../gofmt/index.js';
import type { Cluster } from './cluster.js';
import { applyOperation } from './cluster-operation.js';
import type { PlannedNode } from './cluster-plan.js';
import { type ClusterOptions, clusterFromPlan, readScenario, type ScenarioInput } from './create-cluster.js';
import { ScenarioError } from './scenario-error.js';
import type { OutputExpectation, ScenarioStep } from './scenario-steps.js';
import { unifiedDiff } from './unified-diff.js';

export interface StepResult {
  readonly step: ScenarioStep;
  /** What the step did, as one line (`upgrade 172.20.0.2 to v1.13.0`, `run: sim get extensions`). */
  readonly summary: string;
  readonly ok: boolean;
  /** Why it failed: the error, or the expectations that did not hold with a unified diff. */
  readonly failure?: string;
}

export interface ScenarioRunResult {
  readonly ok: boolean;
  readonly steps: readonly StepResult[];
}

export interface RunScenarioOptions extends ClusterOptions {
  /** Called as each step ends (to print progress). */
  readonly onStep?: (result: StepResult) => void;
}

/** Boots the scenario's cluster, runs its steps, shuts the cluster down. Boot errors are thrown (ScenarioError…). */
export async function runScenario(
  scenario: ScenarioInput,
  options: RunScenarioOptions = {},
): Promise<ScenarioRunResult> {
  const { plan, catalog } = readScenario(scenario, options);
  await using cluster = await clusterFromPlan(plan, catalog, options);
  const services = new ServicesSeen(cluster, plan.nodes);
  // awaited here, so the cluster is disposed only after the steps ran
  const result = await runSteps(cluster, plan.steps, {
    cwd: plan.baseDir,
    onStep: (step) => {
      services.look();
      options.onStep?.(step);
    },
  });
  // a behaviour that no service took is a misspelt name, but only a whole run can say so: an upgrade may bring it
  if (result.ok) services.check();
  return result;
}

/** The extension services each node with scenario behaviours has had, looked at after boot and after every step. */
class ServicesSeen {
  readonly #seen = new Map<PlannedNode, Set<string>>();

  constructor(
    private readonly cluster: Cluster,
    nodes: readonly PlannedNode[],
  ) {
    for (const node of nodes) if (node.servicePlaces !== undefined) this.#seen.set(node, new Set());
    this.look();
  }

  look(): void {
    for (const [node, ids] of this.#seen) {
      for (const info of this.cluster.node(node.address).services.list()) {
        if (info.id.startsWith('ext-')) ids.add(info.id);
      }
    }
  }

  /** Fails at the first behaviour whose service (by name, or by id) the node never had. */
  check(): void {
    for (const [node, ids] of this.#seen) {
      for (const [name, place] of Object.entries(node.servicePlaces ?? {})) {
        if (ids.has(`ext-${name}`) || (name.startsWith('ext-') && ids.has(name))) continue;
        const had = ids.size === 0 ? 'none' : [...ids].sort().join(', ');
        throw new ScenarioError({
          ...place,
          reason: `no extension service ${goQuote(name)} ran on node ${node.address} (its extension services: ${had})`,
        });
      }
    }
  }
}

/** Runs steps against a running cluster, in order, until one fails. */
export async function runSteps(
  cluster: Cluster,
  steps: readonly ScenarioStep[],
  options: { readonly cwd?: string; readonly onStep?: (result: StepResult) => void } = {},
): Promise<ScenarioRunResult> {
  const results: StepResult[] = [];
  for (const step of steps) {
    const summary = describeStep(step);
    let failure: string | undefined;
    try {
      failure = await carryOut(cluster, step, options.cwd);
    } catch (err) {
      failure = (err as Error).message;
    }
    const result: StepResult =
      failure === undefined ? { step, summary, ok: true } : { step, summary, ok: false, failure };
    results.push(result);
    options.onStep?.(result);
    if (!result.ok) return { ok: false, steps: results };
  }
  return { ok: true, steps: results };
}

function describeStep(step: ScenarioStep): string {
  switch (step.kind) {
    case 'advance':
      return `advance ${step.duration}`;
    case 'reboot':
      return `reboot ${step.node}`;
    case 'apply-config':
      return `apply-config ${step.node}`;
    case 'upgrade':
      return `upgrade ${step.node}${step.talos === undefined ? '' : ` to ${step.talos}`}`;
    case 'hold': {
      const what = (name: string, held: boolean | undefined) =>
        held === undefined ? [] : [`${held ? 'hold' : 'release'} ${name}`];
      return `${[...what('network', step.network), ...what('time', step.time)].join(', ')} on ${step.node}`;
    }
    case 'service':
      return `service ${step.id} ${step.action} on ${step.node}`;
    case 'run':
      return `run: sim ${step.command.replace(/^sim\s+/, '')}`;
  }
}

/** Does the step; resolves the failure text of a run whose expectations did not hold. */
async function carryOut(cluster: Cluster, step: ScenarioStep, cwd: string | undefined): Promise<string | undefined> {
  switch (step.kind) {
    case 'advance':
      await cluster.advance(step.ms);
      return undefined;
    case 'reboot':
    case 'apply-config':
    case 'upgrade':
    case 'hold':
    case 'service':
      await applyOperation(cluster, step);
      return undefined;
    case 'run': {
      // a command that follows until interrupted fails at once, whatever its spelling (`g es -wo yaml`)
      const result = await cluster.run(step.argv, { follow: false, ...(cwd === undefined ? {} : { cwd }) });
      const problems: string[] = [];
      const exitCode = step.expect.exitCode ?? 0;
      if (result.exitCode !== exitCode) problems.push(`exit code ${result.exitCode}, expected ${exitCode}`);
      for (const stream of ['stdout', 'stderr'] as const) {
        const expected = step.expect[stream];
        if (expected !== undefined) {
          const problem = check(stream, expected, result[stream]);
          if (problem !== undefined) problems.push(problem);
        }
      }
      if (problems.length > 0 && step.expect.stderr === undefined && result.stderr !== '') {
        problems.push(`stderr was:\n${result.stderr.trimEnd()}`);
      }
      return problems.length === 0 ? undefined : problems.join('\n');
    }
  }
}

function check(stream: string, expected: OutputExpectation, actual: string): string | undefined {
  if (expected.kind === 'pattern') {
    return expected.pattern.test(actual)
      ? undefined
      : `${stream} does not match /${expected.pattern.source}/:\n${actual.trimEnd()}`;
  }
  const diff = unifiedDiff(expected.text, actual, {
    from: expected.kind === 'file' ? expected.path : `expected ${stream}`,
    to: `actual ${stream}`,
  });
  return diff === '' ? undefined : diff.trimEnd();
}
