// The `sim` executable as npm installs it: the esbuild bundle of scripts/build-cli.ts, run as a child process.
// Everything else tests the CLI in-process from the sources; this checks what bundling could break: start-up,
// the lazily loaded command chunks, the worker entry points found beside the chunks, and the external packages.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { nativeZstd } from '../../src/squashfs/codecs/native-zstd.js';
import { SquashfsImage } from '../../src/squashfs/index.js';
import { expectedSha256, fixturesDir, imagePath, itWithFixtures } from '../squashfs/fixtures.js';
import { oracleAvailable } from '../support/oracles.js';
import { sim } from '../support/run-sim.js';

const run = promisify(execFile);

// every test starts the executable at least once (0.2-1 s each, more on a busy 2-core machine)
describe('the bundled sim executable', { timeout: 30_000 }, () => {
  let bin: string;
  let scratch: string;

  const bundled = async (args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  /** The executable under a shell prelude (`script` runs with $0 = node and the arguments after it). */
  const bundledIn = async (
    script: string,
    args: readonly string[],
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run('bash', ['-c', script, process.execPath, ...args], { maxBuffer: 64 << 20 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  beforeAll(() => {
    // built inside the repository (test/support/bundled-cli-setup.ts), so the packages left external resolve
    bin = inject('simBin');
    scratch = mkdtempSync(join(tmpdir(), 'sim-bundle-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** util-linux's script(1) gives a child a terminal (BSD's takes other arguments). */
  const terminal = oracleAvailable(
    spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0,
    'script(1) from util-linux is missing (apt-get install bsdutils): the terminal test is skipped',
  );

  it.runIf(terminal)(
    'shows control characters of untrusted names escaped on a terminal, and sends the bytes down a pipe',
    async () => {
      const scenario = join(scratch, 'evil.yaml');
      writeFileSync(
        scenario,
        [
          'images:',
          '  - ref: example.com/evil:1.0',
          '    inline:',
          '      manifest: { version: v1alpha1, metadata: { name: "ev\\u001b[31mil", version: "1.0\\u0007", author: a, description: d } }',
          '      files: { /usr/local/share/evil: { content: x } }',
          'nodes: [{ address: 172.20.0.2, talos: v1.13.9, extensions: [example.com/evil:1.0] }]',
          '',
        ].join('\n'),
      );
      const args = ['get', 'extensions', '--scenario', scenario, '--no-cache'];
      const piped = await bundled(args);
      expect(piped.stdout).toContain('ev\u001b[31mil   1.0\u0007\n');
      // util-linux's script(1) gives the executable a terminal; its output comes back with CRLF line ends
      const quoted = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
      const tty = await run('script', ['-qec', quoted, '/dev/null']);
      expect(tty.stdout.replaceAll('\r\n', '\n')).toContain('ev\\x1b[31mil   1.0\\x07\n');
    },
  );

  // (the executable runs on the wall clock, the in-process runs on a virtual one: nothing compared prints a time)
  it('prints what the sources print: help, the default node, the catalog', async () => {
    for (const args of [['--help'], ['get', 'extensions'], ['ext', 'find', 'gvisor', '--talos', 'v1.11.2']]) {
      expect(await bundled(args), args.join(' ')).toEqual(await sim(args));
    }
  });

  it('fails as the sources do on bad input', async () => {
    const args = ['get', 'nosuchtype'];
    expect(await bundled(args)).toEqual(await sim(args));
  });

  it('ends with status 1 and a clear error, not 13, when zstd WebAssembly cannot start (ulimit -v); Node ≥ 22.15 needs none', async () => {
    const src = join(scratch, 'tiny-src');
    mkdirSync(src);
    writeFileSync(join(src, 'a'), 'a\n');
    const limited = (args: readonly string[]) => bundledIn('ulimit -v 8000000; exec "$0" "$@"', [bin, ...args]);
    const build = await limited([
      'squashfs',
      'build',
      '--no-xattrs',
      '--comp',
      'zstd',
      src,
      join(scratch, 'limited.sqsh'),
    ]);
    // built, not read from a cache an earlier test filled (a kept snapshot would answer without zstd)
    const get = await limited(['get', 'extensions', '--no-cache']);
    if (nativeZstd() !== undefined) {
      expect([build.code, build.stderr]).toEqual([0, '']);
      expect([get.code, get.stderr]).toEqual([0, '']);
    } else {
      const why =
        /^((node \S+: )?error compressing extension "gvisor": )?the zstd encoder cannot be used: its WebAssembly build cannot start \(.*Out of memory.*\); Node 22\.15 and later encode zstd natively, without WebAssembly\n$/;
      expect(build.code).toBe(1);
      expect(build.stderr).toMatch(why);
      expect(get.code).toBe(1);
      expect(get.stderr).toMatch(why);
    }
  }, 30_000); // two start-ups of the executable

  it('keeps a compile cache under $XDG_CACHE_HOME where Node has one, and runs without it where it cannot be made', async () => {
    const cacheHome = join(scratch, 'xdg');
    const env = { ...process.env, XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '' };
    const first = await run(process.execPath, [bin, 'get', 'extensions'], { env });
    const cache = join(cacheHome, 'talos-sim', 'compile-cache');
    const hasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
    expect(existsSync(cache)).toBe(hasCache);
    if (hasCache) expect(readdirSync(cache).length).toBeGreaterThan(0);
    const again = await run(process.execPath, [bin, 'get', 'extensions'], { env });
    expect(again.stdout).toBe(first.stdout);
    // a cache directory that cannot be created (its parent is a file): the same output, status 0
    const blocked = join(scratch, 'not-a-directory');
    writeFileSync(blocked, '');
    const uncached = await run(process.execPath, [bin, 'get', 'extensions'], {
      env: { ...env, XDG_CACHE_HOME: blocked },
    });
    expect([uncached.stdout, uncached.stderr]).toEqual([first.stdout, '']);
  }, 30_000); // three start-ups of the executable

  it('answers a plain get from a kept snapshot without its command tree, yaml loaded from node_modules on first use', async () => {
    const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'xdg-plain-get') };
    const scenario = join(scratch, 'v1.11-config.yaml');
    writeFileSync(
      scenario,
      'nodes:\n  - address: 172.20.0.2\n    talos: v1.11.2\n    config: |\n      machine:\n        nodeLabels: { zone: a }\n',
    );
    // talosctl v1.12.0 re-encodes the first document of a spec that came without the YAML annotation (v1.11 nodes)
    const args = ['get', 'mc', '-o', 'yaml', '--talosctl-version', 'v1.12.0', '--scenario', scenario];
    const booted = await run(process.execPath, [bin, ...args], { env });
    expect(booted.stdout).toContain('spec: |\n    machine:\n        nodeLabels:\n            zone: a\n');
    // the snapshot reader (get-snapshot.js and its standalone chunks) carries no yaml: it requires the package
    const reader = readdirSync(dirname(bin)).filter((n) => n === 'get-snapshot.js' || n.startsWith('standalone-'));
    const readerText = reader.map((n) => readFileSync(join(dirname(bin), n), 'utf8')).join('\n');
    expect([readerText.includes('YAMLMap'), readerText.includes('require("yaml")')]).toEqual([false, true]);
    // the same bundle without the chunk that holds commander and every command: a snapshot's answer needs none of it
    const copy = `${dirname(bin)}-without-tree`;
    cpSync(dirname(bin), copy, { recursive: true });
    try {
      for (const name of readdirSync(copy)) if (name.startsWith('main-')) rmSync(join(copy, name));
      const answered = await run(process.execPath, [join(copy, 'sim.js'), ...args], { env });
      expect([answered.stdout, answered.stderr]).toEqual([booted.stdout, booted.stderr]);
      // what needs the tree fails there: the chunk is really gone
      const other = await run(process.execPath, [join(copy, 'sim.js'), 'get', 'es', '--talos', 'v1.10'], { env }).catch(
        (err: { stderr: string }) => err,
      );
      expect(other.stderr).toMatch(/Cannot find module .*main-/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  itWithFixtures('unpacks with read-pool workers, which it finds beside its chunks', async () => {
    const target = join(scratch, 'unpacked');
    const out = await bundled(['squashfs', 'unpack', '--workers', '2', imagePath('comp-zstd'), target]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^created \d+ files, /);
    const expected = expectedSha256();
    for (const path of ['/etc/hello.txt', '/big/big.bin', '/many/d03/f07']) {
      const sha = createHash('sha256')
        .update(readFileSync(join(target, path)))
        .digest('hex');
      expect(sha, path).toBe(expected.get(path));
    }
  });

  itWithFixtures('builds with compression workers, whose image reads back as the source tree', async () => {
    const image = join(scratch, 'built.sqsh');
    const out = await bundled([
      'squashfs',
      'build',
      '--workers',
      '2',
      '--comp',
      'zstd',
      join(fixturesDir(), 'src'),
      image,
    ]);
    expect(out.code, out.stderr).toBe(0);
    const reader = await SquashfsImage.open(image);
    try {
      const expected = expectedSha256();
      let checked = 0;
      for (const entry of reader.walk()) {
        const sha = expected.get(entry.path);
        if (entry.stats.kind !== 'file' || sha === undefined) continue;
        expect(createHash('sha256').update(reader.readFile(entry.path)).digest('hex'), entry.path).toBe(sha);
        checked++;
      }
      expect(checked).toBeGreaterThan(1000);
    } finally {
      reader.close();
    }
  });
});
