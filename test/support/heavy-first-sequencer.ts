// The order vitest starts test files in. On a clean clone (CI) vitest has no timings and starts the largest files
// first, and the files that run longest are not the largest: the mksquashfs oracle files, a few hundred lines each,
// started last and left one worker idle for the last ~15 s of a 130 s run. The files known to run longest start
// first, in this order; the others follow in vitest's own order (timings when it has them, else size).
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first, as measured in CI (each 6–32 s on Node 20). */
const LONGEST = [
  'test/package/consumer.test.ts',
  'test/cli/kept-cluster.test.ts',
  'test/squashfs/writer/fixture-trees-0.test.ts',
  'test/squashfs/writer/fixture-trees-1.test.ts',
  'test/cli/bundled-cli.test.ts',
  'test/node/overlay-kernel-oracle.test.ts',
  'test/squashfs/writer/random-trees.test.ts',
  'test/squashfs/writer/fixture-trees-2.test.ts',
  'test/squashfs/fixture-images.test.ts',
];

export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const at = LONGEST.indexOf(relative(spec.project.config.root, spec.moduleId));
      return at === -1 ? LONGEST.length : at;
    };
    // stable: projects keep their order (vitest runs them one after another), known long files lead within each
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => {
        if (a.spec.project.name !== b.spec.project.name) return a.index - b.index;
        return rank(a.spec) - rank(b.spec) || a.index - b.index;
      })
      .map(({ spec }) => spec);
  }
}
