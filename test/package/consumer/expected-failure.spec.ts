// Deliberately wrong: the consumer test runs it to see a matcher fail through the consumer's own vitest, with a
// message that says what the node has.
import { fileURLToPath } from 'node:url';
import { clusterTest } from 'talos-sim/vitest';
import { expect } from 'vitest';

const it = clusterTest(fileURLToPath(new URL('./two-releases.yaml', import.meta.url)));

it('fails on a version the node does not run', async ({ cluster }) => {
  await expect(cluster.node('10.5.0.3')).toHaveExtension('gvisor', '20221107.0-v1.3.6');
});
