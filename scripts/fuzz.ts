// `npm run fuzz`: runs every property and fuzz suite (each test file with an `fc.assert`) with a budget of cases,
// on every core, and reports cases per second per suite and any failure with its seed and counterexample path.
//
//   npm run fuzz -- [--cases 100000] [--only squashfs] [--seed 42] [--jobs 2] [--json out.json] [--results]
//
// --results writes the figures as the `## Fuzzing` section of bench/RESULTS.md (replacing the previous one).
//
// A short calibration run (FC_NUM_RUNS=20) counts each suite's properties and measures its speed; the budget is then
// split so that every suite gets about the same time (slow oracles get fewer cases, fast parsers more), and each
// suite runs in its own vitest process with the FC_NUM_RUNS that gives its share. CI keeps the suites' own defaults.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzRecord } from './fuzz-setup.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  readonly cases: number;
  readonly only: string | undefined;
  readonly seed: number | undefined;
  readonly jobs: number;
  readonly json: string | undefined;
  readonly calibration: number;
  readonly results: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const number = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new Error(`${name} needs a positive integer, got ${JSON.stringify(v)}`);
    return n;
  };
  const seed = value('--seed');
  return {
    cases: number('--cases', 100_000),
    only: value('--only'),
    seed: seed === undefined ? undefined : number('--seed', 0),
    jobs: number('--jobs', availableParallelism()),
    json: value('--json'),
    calibration: number('--calibration', 20),
    results: argv.includes('--results'),
  };
}

/** Every test file holding a property (`fc.assert`). */
function discoverSuites(only: string | undefined): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts') && readFileSync(path, 'utf8').includes('fc.assert')) out.push(path);
    }
  };
  walk(join(repo, 'test'));
  return out
    .map((p) => relative(repo, p))
    .filter((p) => only === undefined || p.includes(only))
    .sort();
}

interface SuiteRun {
  readonly suite: string;
  readonly runs: number;
  readonly records: readonly FuzzRecord[];
  readonly exitCode: number;
  readonly wallMs: number;
  readonly log: string;
}

function runSuite(suite: string, runs: number, options: Options, scratch: string, tag: string): Promise<SuiteRun> {
  const name = `${tag}-${suite.replaceAll('/', '_')}`;
  const report = join(scratch, `${name}.jsonl`);
  const log = join(scratch, `${name}.log`);
  writeFileSync(report, '');
  const env = {
    ...process.env,
    FC_NUM_RUNS: String(runs),
    FUZZ_REPORT: report,
    ...(options.seed === undefined ? {} : { FUZZ_SEED: String(options.seed) }),
  };
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(repo, 'node_modules/.bin/vitest'),
      ['run', '--config', 'scripts/fuzz.vitest.config.ts', suite],
      { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c));
    child.stderr.on('data', (c: Buffer) => output.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      writeFileSync(log, Buffer.concat(output));
      const records = readFileSync(report, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as FuzzRecord);
      resolve({ suite, runs, records, exitCode: code ?? 1, wallMs: performance.now() - start, log });
    });
  });
}

/** Runs the jobs `jobs` at a time, in order of submission. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

const cases = (r: SuiteRun) => r.records.reduce((n, x) => n + x.runs, 0);
const propertyMs = (r: SuiteRun) => r.records.reduce((n, x) => n + x.ms, 0);

/** FC_NUM_RUNS per suite so that each suite takes about the same time and the total meets the budget. */
function allocate(calibration: readonly SuiteRun[], budget: number): Map<string, number> {
  const measured = calibration.filter((r) => r.records.length > 0);
  const rate = (r: SuiteRun) => cases(r) / Math.max(propertyMs(r) / 1000, 0.001);
  const totalRate = measured.reduce((n, r) => n + rate(r), 0);
  const out = new Map<string, number>();
  for (const r of measured) {
    const share = (budget * rate(r)) / totalRate;
    out.set(r.suite, Math.max(1, Math.ceil(share / r.records.length)));
  }
  return out;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Replaces (or appends) the `## Fuzzing` section of bench/RESULTS.md with this run's table. */
function writeResults(
  rows: readonly (readonly string[])[],
  total: number,
  wallS: number,
  failures: readonly FuzzRecord[],
  options: Options,
): void {
  const path = join(repo, 'bench/RESULTS.md');
  const [head = [], ...body] = rows;
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  const section =
    `\n## Fuzzing\n\nWritten by \`npm run fuzz -- --cases ${options.cases} --results\` on ` +
    `${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${options.jobs} suites at a time. ` +
    `${total} cases in ${wallS.toFixed(0)} s of wall time, ${failures.length} failures. Seconds are the time spent in ` +
    'properties (vitest start-up excluded); each suite got about the same share of time.\n\n' +
    `${line(head)}\n${line(head.map(() => '---'))}\n${body.map(line).join('\n')}\n` +
    failures
      .map(
        (f) =>
          `\nFailure: ${relative(repo, f.file)} > ${f.test}: seed ${f.seed}, path \`${f.path ?? ''}\`: ` +
          `${f.error ?? ''}\n`,
      )
      .join('');
  const previous = readFileSync(path, 'utf8');
  const kept = previous.replace(/\n## Fuzzing\n[\s\S]*?(?=\n## |$)/, '');
  writeFileSync(path, `${kept.trimEnd()}\n${section}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const suites = discoverSuites(options.only);
  if (suites.length === 0) throw new Error('no property suite matches');
  const scratch = mkdtempSync(join(tmpdir(), 'talos-sim-fuzz-'));
  console.log(`${suites.length} suites, budget ${options.cases} cases, ${options.jobs} at a time; logs in ${scratch}`);

  const calibration = await pool(
    suites.map((s) => () => runSuite(s, options.calibration, options, scratch, 'calibrate')),
    options.jobs,
  );
  const runs = allocate(calibration, options.cases);
  for (const r of calibration.filter((c) => c.records.length === 0)) {
    console.log(`  ${r.suite}: no property ran in calibration (exit ${r.exitCode}), skipped; see ${r.log}`);
  }
  const started = performance.now();
  const results = await pool(
    [...runs].map(([suite, n]) => () => {
      console.log(`  running ${suite} with FC_NUM_RUNS=${n}`);
      return runSuite(suite, n, options, scratch, 'run');
    }),
    options.jobs,
  );
  const wallS = (performance.now() - started) / 1000;

  const rows = [['suite', 'properties', 'FC_NUM_RUNS', 'cases', 'seconds', 'cases/s', 'failures']];
  for (const r of results) {
    const s = propertyMs(r) / 1000;
    const failures = r.records.filter((x) => x.failed).length;
    rows.push([
      r.suite,
      String(r.records.length),
      String(r.runs),
      String(cases(r)),
      s.toFixed(1),
      (cases(r) / Math.max(s, 0.001)).toFixed(0),
      String(failures),
    ]);
  }
  const total = results.reduce((n, r) => n + cases(r), 0);
  const failed = results.flatMap((r) => r.records.filter((x) => x.failed));
  rows.push(['total', '', '', String(total), wallS.toFixed(0), (total / wallS).toFixed(0), String(failed.length)]);
  console.log(`\n${table(rows)}\n`);
  console.log(
    `${total} cases in ${wallS.toFixed(0)} s wall time on ${options.jobs} cores (seconds per suite: property time)`,
  );
  for (const f of failed) {
    console.log(`FAILED ${relative(repo, f.file)} > ${f.test}\n  seed ${f.seed}, path ${JSON.stringify(f.path ?? '')}`);
    console.log(`  reproduce with { seed: ${f.seed}, path: ${JSON.stringify(f.path ?? '')} } in its fc.assert`);
    console.log(`  ${f.error ?? ''}`);
  }
  const broken = results.filter((r) => r.exitCode !== 0 && !r.records.some((x) => x.failed));
  for (const r of broken)
    console.log(`FAILED ${r.suite}: vitest exited ${r.exitCode} outside a property; see ${r.log}`);
  if (options.results) writeResults(rows, total, wallS, failed, options);
  if (options.json !== undefined) {
    writeFileSync(options.json, `${JSON.stringify({ total, wallS, jobs: options.jobs, results }, null, 2)}\n`);
  }
  if (failed.length === 0 && broken.length === 0) rmSync(scratch, { recursive: true, force: true });
  process.exitCode = failed.length > 0 || broken.length > 0 ? 1 : 0;
}

await main();
