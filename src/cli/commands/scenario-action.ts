// `sim scenario run`, the work behind the command: one line per step, the reason and a unified diff under a step
// that failed, a summary line, exit status 1 when a step failed.
import { runScenario, type StepResult } from '../../index.js';
import { type CliContext, CliExit, refuseInRunningCluster } from '../cli-context.js';
import { scenarioFile } from '../scenario-selection.js';

export async function runScenarioCommand(file: string, ctx: CliContext): Promise<void> {
  refuseInRunningCluster(ctx, 'sim scenario run');
  scenarioFile(file, ctx);
  const out = (line: string) => ctx.io.stdout(`${line}\n`);
  const where = (r: StepResult) => (r.step.line === undefined ? '' : ` (${file}:${r.step.line})`);
  let result: Awaited<ReturnType<typeof runScenario>>;
  try {
    result = await runScenario(file, {
      cwd: ctx.cwd,
      ...(ctx.clock ? { clock: ctx.clock } : {}),
      onStep: (r) => {
        out(`step ${r.step.index}${where(r)}: ${r.summary}: ${r.ok ? 'ok' : 'FAILED'}`);
        if (r.failure !== undefined) out(r.failure.replace(/^/gm, '    '));
      },
    });
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  const failed = result.steps.filter((s) => !s.ok).length;
  const passed = result.steps.length - failed;
  if (result.ok) {
    out(`${file}: ${passed} step${passed === 1 ? '' : 's'} passed`);
    return;
  }
  throw new CliExit(`${file}: step ${result.steps.at(-1)?.step.index} failed (${passed} passed before it)`);
}
