// CONSUMER TEST — the package as npm publishes it, seen from a project that depends on it: `npm pack` of the
// current dist/ (built by `npm ci`/`npm run build`; packed without lifecycle scripts), its file list against what
// the exports reach, and one fresh project that installs the tarball with scripts disabled, from the registry the
// pinned vitest and node-liblzma (the xz layers of Talos < v1.8), and there: runs the bin; type-checks every export,
// its vitest suite and the README's library examples with `tsc --noEmit` in strict mode WITHOUT skipLibCheck; runs
// that suite with its own vitest (talos-sim/vitest over a two-release scenario), a plain Node script doing the same
// through the public API, and the README's examples verbatim. The consumer's files are in ./consumer/.
// Installs use the npm cache (--prefer-offline); TypeScript and esbuild are the repository's, by absolute path.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachable } from './packed-files.js';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const consumerFiles = fileURLToPath(new URL('./consumer', import.meta.url));
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Files every package carries whatever `files` says. */
const ALWAYS = ['package.json', 'README.md', 'LICENSE'];

/** The environment of the consumer's commands: this run's vitest worker variables would confuse its vitest. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(k)));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in the consumer project; a non-zero exit is a result, not an exception. */
function run(cwd: string, file: string, args: string[]): Promise<Run> {
  return exec(file, args, { cwd, env, maxBuffer: 16 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof err.code === 'number' ? err.code : -1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    }),
  );
}

/** The ts blocks of the README's library section, verbatim: a script, then a vitest suite. */
function readmeExamples(): [script: string, suite: string] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## The library\n'));
  const blocks = [...section.slice(0, section.indexOf('\n## ', 1)).matchAll(/```ts\n([\s\S]*?)```/g)];
  const [script, suite] = blocks.map((m) => m[1] as string);
  if (script === undefined || suite === undefined) throw new Error('README.md: "## The library" lost its ts blocks');
  return [script, suite];
}

interface VitestReport {
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

describe('the packed package, as a consumer installs it (CONSUMER TEST)', { timeout: 60_000 }, () => {
  let scratch: string;
  let tarball: string;
  let packed: string[];
  let consumer: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'talos-sim-consumer-'));
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
      cwd: repo,
      maxBuffer: 16 << 20,
    });
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    if (info === undefined) throw new Error('npm pack printed no package');
    tarball = join(scratch, info.filename);
    packed = info.files.map((f) => f.path).sort();
    consumer = join(scratch, 'consumer');
    cpSync(consumerFiles, consumer, { recursive: true });
    const [script, suite] = readmeExamples();
    writeFileSync(join(consumer, 'readme-example.ts'), script);
    writeFileSync(join(consumer, 'readme.spec.ts'), suite);
    writeFileSync(
      join(consumer, 'package.json'),
      `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    // scripts disabled, as a cautious consumer installs; @types/node as any Node project has it
    await exec(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        tarball,
        `@types/node@${pkg.devDependencies['@types/node']}`,
        `vitest@${pkg.devDependencies.vitest}`,
        `node-liblzma@${pkg.devDependencies['node-liblzma']}`,
      ],
      { cwd: consumer },
    );
  }, 180_000);
  // a whole installed project: seconds on a busy machine
  afterAll(() => rmSync(scratch, { recursive: true, force: true }), 120_000);

  it('packs what the exports and the bin reach, and nothing else', () => {
    const needed = reachable(repo, pkg);
    const extra = packed.filter((f) => !needed.files.has(f) && !ALWAYS.includes(f));
    const missing = [...needed.files].filter((f) => !packed.includes(f)).sort();
    expect({ extra, missing, broken: needed.broken }).toEqual({ extra: [], missing: [], broken: [] });
    expect(packed).toEqual(expect.arrayContaining(ALWAYS));
  });

  it('runs the bin of a package installed with --ignore-scripts', async () => {
    const sim = join(consumer, 'node_modules', '.bin', 'sim');
    expect((await exec(sim, ['--version'])).stdout).toBe(`${pkg.version}\n`);
    expect((await exec(sim, ['get', 'extensions'])).stdout).toMatch(/^NODE +NAMESPACE +TYPE/);
  });

  it('type-checks a strict consumer of every export, its vitest suites and the README examples', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    expect(await run(consumer, process.execPath, [tsc, '-p', '.'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("runs its vitest suite and the README's on talos-sim/vitest: matchers pass, and fail with what the node has", async () => {
    const vitest = join(consumer, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await run(consumer, process.execPath, [
      vitest,
      'run',
      '--reporter=json',
      '--outputFile=report.json',
    ]);
    const report = JSON.parse(readFileSync(join(consumer, 'report.json'), 'utf8')) as VitestReport;
    const tests = report.testResults
      .flatMap((f) => f.assertionResults)
      .map((t) => ({ name: t.fullName, status: t.status, failure: t.failureMessages[0]?.split('\n')[0] }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(tests).toEqual([
      {
        name: 'a cluster of two Talos releases boots v1.13.9 with its Image Factory extensions',
        status: 'passed',
        failure: undefined,
      },
      {
        name: 'a cluster of two Talos releases boots v1.3.7 with the extensions of its machine config',
        status: 'passed',
        failure: undefined,
      },
      {
        name: 'fails on a version the node does not run',
        status: 'failed',
        failure:
          'Error: expected node 10.5.0.3 to have extension gvisor 20221107.0-v1.3.6; it has: gvisor 20221107.0-v1.3.7, intel-ucode 20221108',
      },
      { name: 'has the iSCSI tools', status: 'passed', failure: undefined },
    ]);
    expect(result.code).toBe(1); // the deliberate failure
  });

  it('runs a plain Node script on the public API, which exits non-zero when an extension differs', async () => {
    expect(await run(consumer, process.execPath, ['extensions.mjs'])).toEqual({
      code: 0,
      stdout: 'ok: 172.20.0.5 v1.13.9, 10.5.0.3 v1.3.7\n',
      stderr: '',
    });
    const script = readFileSync(join(consumer, 'extensions.mjs'), 'utf8');
    const wrong = script.replace("'intel-ucode 20221108'", "'intel-ucode 20221109'");
    expect(wrong).not.toBe(script);
    writeFileSync(join(consumer, 'wrong-version.mjs'), wrong);
    expect(await run(consumer, process.execPath, ['wrong-version.mjs'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'extensions of 10.5.0.3: expected ["gvisor 20221107.0-v1.3.7","intel-ucode 20221109"], ' +
        'got ["gvisor 20221107.0-v1.3.7","intel-ucode 20221108"]\n',
    });
  });

  it("runs the README's library example verbatim", async () => {
    // Node 20 has neither type stripping nor `await using`: esbuild strips the types and lowers the declaration
    // through esbuild's API: its bin is a JS shim or, where its install script ran, the native binary
    const built = await build({
      entryPoints: [join(consumer, 'readme-example.ts')],
      outfile: join(consumer, 'readme-example.mjs'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    expect(built.errors).toEqual([]);
    const example = await run(consumer, process.execPath, ['readme-example.mjs']);
    expect({ code: example.code, stderr: example.stderr }).toEqual({ code: 0, stderr: '' });
    // what its comments say it prints, then the table
    expect(example.stdout.split('\n')[0]).toBe("[ 'gvisor', 'schematic' ]");
    expect(example.stdout).toMatch(
      /^10\.5\.0\.3 +runtime +ExtensionStatus +000\.ghcr\.io-siderolabs-gvisor-20250707\.0 /m,
    );
  });
});
