// `npm run bench`: runs every bench/*.bench.ts suite (or those named on the command line)
// and rewrites bench/RESULTS.md with this run's figures.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, BenchSuite, RuntimeFigure } from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const cacheDir = join(here, '.cache');
mkdirSync(cacheDir, { recursive: true });
const scale = Number(process.env.BENCH_SCALE ?? '1');

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
const sections: string[] = [];
for (const file of files) {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite;
  console.log(`\n## ${suite.title} (${file})`);
  const figures: readonly BenchFigure[] = await suite.run({ cacheDir, scale, log: (l) => console.log(`  ${l}`) });
  const mark = (met: boolean | undefined): string => (met === undefined ? '' : met ? ' ✔' : ' ✘');
  // a suite measuring several runtimes gets a column per runtime (see BenchFigure.runtimes)
  const runtimes = [...new Set(figures.flatMap((f) => (f.runtimes ?? []).map((r) => r.runtime)))];
  const rows = figures.map((f) => {
    if (runtimes.length > 0) {
      const base = f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}` : '';
      // a figure measured only in this process belongs to the first runtime, the one running the bench
      const own: readonly RuntimeFigure[] = f.runtimes ?? [
        {
          runtime: runtimes[0] as string,
          value: f.value,
          ...(f.goal === undefined ? {} : { goal: f.goal }),
          ...(f.met === undefined ? {} : { met: f.met }),
        },
      ];
      const cells = runtimes.map((name) => {
        const r = own.find((x) => x.runtime === name);
        if (r === undefined) return '';
        const ratio = r.baseline
          ? `, ${(r.value / r.baseline.value).toFixed(2)}× ${r.baseline.name} (${fmt(r.baseline.value)} ${f.unit})`
          : f.baseline
            ? `, ${(r.value / f.baseline.value).toFixed(2)}×`
            : '';
        const goal = r.goal ? ` (goal ${r.goal}${mark(r.met)})` : '';
        return `${fmt(r.value)} ${f.unit}${ratio}${goal}`;
      });
      return `| ${f.name} | ${base} | ${cells.join(' | ')} | ${f.note ?? ''} |`;
    }
    const ratio = f.baseline
      ? `${(f.value / f.baseline.value).toFixed(2)}× ${f.baseline.name} (${fmt(f.baseline.value)} ${f.unit})`
      : '';
    const goal = f.goal ? `${f.goal}${mark(f.met)}` : '';
    return `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${ratio} | ${goal} | ${f.note ?? ''} |`;
  });
  for (const r of rows) console.log(r);
  const header =
    runtimes.length > 0
      ? `| figure | baseline (same run) | ${runtimes.join(' | ')} | note |\n|---|---|${runtimes.map(() => '---|').join('')}---|`
      : '| figure | value | against baseline | goal | note |\n|---|---|---|---|---|';
  sections.push(`## ${suite.title}\n\n${header}\n${rows.join('\n')}\n`);
}

if (only.length === 0) {
  const header = `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}${scale === 1 ? '' : `, BENCH_SCALE=${scale}`}.\nRatios compare against a baseline measured in the same run.\n\n`;
  // the Fuzzing section is written by `npm run fuzz -- --results`; a benchmark run keeps it
  const previous = existsSync(join(here, 'RESULTS.md')) ? readFileSync(join(here, 'RESULTS.md'), 'utf8') : '';
  const fuzzing = /\n## Fuzzing\n[\s\S]*?(?=\n## |$)/.exec(previous)?.[0] ?? '';
  writeFileSync(join(here, 'RESULTS.md'), header + sections.join('\n') + fuzzing);
}
