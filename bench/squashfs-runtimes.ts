// The Node runtimes the squashfs, start-up and cluster benches measure: the one running the bench, and Node 24 (the
// active LTS) from the npm registry's node-linux-<arch> package, in the same cache as .ci/run (never a dependency).
// BENCH_NODE24=/path/to/node overrides it; BENCH_NODE24=none leaves it out.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { arch, homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { BenchContext } from './harness.js';

/** Keep in step with NODE24_VERSION in .ci/run. */
export const NODE24_VERSION = '24.22.3';

export interface BenchRuntime {
  /** "Node v24.22.3" */
  readonly label: string;
  /** The node executable. */
  readonly node: string;
}

function node24(ctx: BenchContext): string | undefined {
  const override = process.env.BENCH_NODE24;
  if (override === 'none') return undefined;
  if (override !== undefined && override !== '') return override;
  const nodeArch = arch() === 'arm64' ? 'arm64' : 'x64';
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  const dir = join(base, 'talos-sim-ci', `node-v${NODE24_VERSION}-linux-${nodeArch}`);
  const bin = join(dir, 'bin', 'node');
  if (existsSync(bin)) return bin;
  ctx.log(`fetching node-linux-${nodeArch}@${NODE24_VERSION} from the npm registry into ${dir}`);
  const tmp = mkdtempSync(join(tmpdir(), 'bench-node24-'));
  try {
    execFileSync('npm', ['pack', '--silent', `node-linux-${nodeArch}@${NODE24_VERSION}`, '--pack-destination', tmp]);
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz')) as string;
    mkdirSync(join(tmp, 'unpacked'));
    execFileSync('tar', ['xzf', join(tmp, tgz), '-C', join(tmp, 'unpacked'), 'package/bin/node', 'package/LICENSE']);
    mkdirSync(join(base, 'talos-sim-ci'), { recursive: true });
    renameSync(join(tmp, 'unpacked', 'package'), dir);
    return bin;
  } catch (err) {
    ctx.log(`no Node ${NODE24_VERSION}: ${(err as Error).message}`);
    return undefined;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function benchRuntimes(ctx: BenchContext): BenchRuntime[] {
  const runtimes: BenchRuntime[] = [{ label: `Node ${process.version}`, node: process.execPath }];
  const other = node24(ctx);
  if (other !== undefined) {
    const version = execFileSync(other, ['--version'], { encoding: 'utf8' }).trim();
    if (version !== process.version) runtimes.push({ label: `Node ${version}`, node: other });
  }
  return runtimes;
}
