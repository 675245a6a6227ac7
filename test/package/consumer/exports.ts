// A strict consumer of every export: the consumer test type-checks it with skipLibCheck off.
import * as sim from 'talos-sim';
import * as overlay from 'talos-sim/overlayfs-sim';
import * as squashfs from 'talos-sim/squashfs';
import { clusterTest, type TalosMatchers } from 'talos-sim/vitest';

const version: string = sim.describeTalosVersion('v1.11.2').version;
const image: Promise<squashfs.SquashfsImage> = squashfs.SquashfsImage.open('x.sqsh');
const fs: overlay.NodeFs = overlay.createNodeFs(new overlay.Overlay({ lowers: [] }));
const cluster: Promise<sim.Cluster> = sim.createCluster({ nodes: ['10.5.0.2'] });
const test: ReturnType<typeof clusterTest> = clusterTest({ nodes: ['10.5.0.2'] });
const matchers: keyof TalosMatchers = 'toHaveExtension';

export { cluster, fs, image, matchers, test, version };
