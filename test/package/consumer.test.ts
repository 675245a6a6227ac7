// CONSUMER TEST — the package as npm publishes it, seen from a project that depends on it: `npm pack` of the
// current dist/ (built by `npm ci`/`npm run build`; packed without lifecycle scripts), its file list against what
// the exports reach, and a fresh project that installs the tarball with scripts disabled, runs the bin and
// type-checks its imports of every export with `tsc --noEmit` in strict mode WITHOUT skipLibCheck. The embedding
// issue (13) extends the consumer's code below; keep it the one place that checks what consumers see.
// Installs use the npm cache (--prefer-offline) and the repository's own TypeScript, by absolute path.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
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

/** Relative module specifiers a built file loads: imports, re-exports, dynamic imports, worker URLs. */
function relativeSpecifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
    /\bimport\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bnew URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

/** Every packed file reachable from the exports (types and code) and the bin, following relative imports. */
function reachable(root: string): Set<string> {
  const start = [
    ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
    ...Object.values(pkg.bin),
  ];
  const seen = new Set<string>();
  const queue = start.map((p) => normalize(p));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    for (const spec of relativeSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      const target = normalize(join(dirname(file), spec));
      queue.push(target);
      // a module's declarations sit beside it
      if (target.endsWith('.js')) queue.push(target.replace(/\.js$/, '.d.ts'));
    }
  }
  return seen;
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
    mkdirSync(consumer);
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
      ],
      { cwd: consumer },
    );
  }, 180_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('packs what the exports and the bin reach, and nothing else', () => {
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    return exec('tar', ['xzf', tarball, '-C', unpacked]).then(() => {
      const root = join(unpacked, 'package');
      const needed = reachable(root);
      const extra = packed.filter((f) => !needed.has(f) && !ALWAYS.includes(f));
      const missing = [...needed].filter((f) => !packed.includes(f));
      expect({ extra, missing }).toEqual({ extra: [], missing: [] });
      expect(packed).toEqual(expect.arrayContaining(ALWAYS));
    });
  });

  it('runs the bin of a package installed with --ignore-scripts', async () => {
    const sim = join(consumer, 'node_modules', '.bin', 'sim');
    expect((await exec(sim, ['--version'])).stdout).toBe(`${pkg.version}\n`);
    expect((await exec(sim, ['get', 'extensions'])).stdout).toMatch(/^NODE +NAMESPACE +TYPE/);
  });

  it('type-checks a strict consumer of every export without skipLibCheck', async () => {
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
        include: ['index.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'index.ts'),
      [
        "import * as sim from 'talos-sim';",
        "import * as overlay from 'talos-sim/overlayfs-sim';",
        "import * as squashfs from 'talos-sim/squashfs';",
        '',
        "const version: string = sim.describeTalosVersion('v1.11.2').version;",
        "const image: Promise<squashfs.SquashfsImage> = squashfs.SquashfsImage.open('x.sqsh');",
        'const fs: overlay.NodeFs = overlay.createNodeFs(new overlay.Overlay({ lowers: [] }));',
        'export { fs, image, version };',
        '',
      ].join('\n'),
    );
    const run = await exec(process.execPath, [tsc, '-p', '.'], { cwd: consumer }).then(
      () => ({ code: 0, out: '' }),
      (err: { code?: number; stdout?: string }) => ({ code: err.code ?? -1, out: err.stdout ?? '' }),
    );
    expect(run).toEqual({ code: 0, out: '' });
  });
});
