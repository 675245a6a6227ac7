// The squasher talos-sim uses when the caller names none. src/squashfs has a reader but no writer yet (issue 4), so
// for now every squash fails with a typed error; this is the one place to bind the TypeScript writer when it lands.
// (Tests and benchmarks pass a mksquashfs-backed squasher, test/fixtures/imager/mksquashfs-squasher.ts.)
import { ImagerError } from './imager-error.js';
import type { LayerSquasher } from './layer-squasher.js';

const pending: LayerSquasher = {
  squash: () => Promise.reject(new ImagerError({ kind: 'squasher-unavailable' })),
};

export function defaultLayerSquasher(): LayerSquasher {
  return pending;
}
