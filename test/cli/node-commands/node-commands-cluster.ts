// The cluster the node-command tests run against: test/fixtures/cli/node-commands/scenario.yaml (two nodes of
// v1.13.9 and v1.11.2 with a firmware extension, a file two layers ship and a CRI config part), booted once per
// test file and handed to `sim` as a running cluster, as `cluster.run` does.
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main.js';
import { type Cluster, createCluster } from '../../../src/index.js';
import type { SimBytesRun } from '../../support/run-sim.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cli', 'node-commands');

export function bootScenario(file = 'scenario.yaml'): Promise<Cluster> {
  return createCluster(join(FIXTURES, file), { cwd: FIXTURES });
}

export interface ClusterRunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** `sim <argv>` against a running cluster; stdout kept as text and bytes. */
export async function simOn(
  cluster: Cluster,
  argv: readonly string[],
  opts: ClusterRunOptions = {},
): Promise<SimBytesRun> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await runCli(argv, {
    io: {
      stdout: (chunk) => {
        out.push(Buffer.from(chunk));
      },
      stderr: (chunk) => {
        stderr += chunk;
      },
    },
    cwd: FIXTURES,
    env: opts.env ?? { TZ: 'UTC' },
    cluster,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const bytes = Buffer.concat(out);
  return { code, stdout: bytes.toString('utf8'), stderr, bytes };
}
