// The README's extension-services example, as written there, through the public API (the library example runs
// from the packed package in test/package/consumer.test.ts). Node 20 has no `await using`: the declaration becomes
// a `const` and the cluster is shut down after the example's last line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../src/index.js';

const repo = join(import.meta.dirname, '..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

function example(section: string): string {
  const start = readme.indexOf(`\n## ${section}\n`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (start < 0 || block === null) throw new Error(`README.md: "## ${section}" lost its ts block`);
  return block[1] as string;
}

describe('README', () => {
  it('the extension-services example runs and does what its comments say', async () => {
    const code = example('Extension services').replace('await using cluster =', 'const cluster =');
    expect(code).toContain('const cluster = await createCluster(');
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<{ cluster: Cluster; node: ReturnType<Cluster['node']> }>;
    const run = new AsyncFunction('createCluster', `${code}\nreturn { cluster, node };`);
    const cwd = process.cwd();
    process.chdir(repo); // the example names scenarios/extension-services.yaml relative to the repository
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(createCluster);
    } finally {
      process.chdir(cwd);
    }
    const { cluster, node } = result;
    try {
      expect(node.services.get('ext-nut-client')?.state).toBe('Running');
      expect(node.services.logs('ext-nut-client').map((l) => l.text)).toEqual([
        'UPS upsmonHost: on line power',
        'upsmon stopping',
        'UPS upsmonHost: on line power',
      ]);
    } finally {
      await cluster.shutdown();
    }
  });
});
