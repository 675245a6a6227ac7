// talos-sim/vitest: `import 'talos-sim/vitest'` adds talos-sim's matchers to vitest's expect (with TypeScript
// module augmentation), as @testing-library/jest-dom/vitest does, and exports `clusterTest`, a vitest test that
// boots a cluster for each test and disposes of it afterwards.
import { expect, test } from 'vitest';
import { type Cluster, type ClusterOptions, createCluster, Metadata, type ScenarioInput } from '../index.js';
import { type TalosMatchers, talosMatchers } from './talos-matchers.js';

expect.extend(talosMatchers);

// A resource's labels, annotations and times are not own properties of its Metadata (it makes them on demand), which
// toEqual would skip: it compares two metadata by all their fields instead.
expect.addEqualityTesters([
  function metadataEquality(a: unknown, b: unknown, customTesters) {
    if (!(a instanceof Metadata) || !(b instanceof Metadata)) return undefined;
    return this.equals(a.toJSON(), b.toJSON(), customTesters);
  },
]);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: vitest declares Matchers<T = any>; augmentations must match it
  interface Matchers<T = any> extends TalosMatchers<T> {}
}

/**
 * A vitest `test` whose `cluster` fixture is the scenario, booted for each test that uses it and shut down after:
 * `const it = clusterTest({ nodes: ['10.5.0.2'] }); it('…', async ({ cluster }) => { … })`.
 */
export function clusterTest(scenario: ScenarioInput, options: ClusterOptions = {}) {
  return test.extend<{ cluster: Cluster }>({
    // biome-ignore lint/correctness/noEmptyPattern: vitest's fixture signature takes the other fixtures first
    cluster: async ({}, use) => {
      const cluster = await createCluster(scenario, options);
      try {
        await use(cluster);
      } finally {
        await cluster.shutdown();
      }
    },
  });
}

export { type MatcherResult, type TalosMatchers, talosMatchers } from './talos-matchers.js';
