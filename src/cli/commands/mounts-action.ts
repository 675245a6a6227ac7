// `sim mounts`, the work behind the command: talosctl's mounts table (formatters.RenderMounts up to v1.13, the
// inlined renderMounts from v1.14.0-alpha.2: the same columns and rows) over machined's Mounts on each node, in the
// order of -n. Sizes are decimal GB; entries without a size (pseudo filesystems, file bind mounts: 0/0, a NaN
// percentage) are left out, as talosctl leaves them out. The simulated nodes always answer, so the error forms of
// the releases (`error getting mount information: …`, `error from node …`) do not arise.
import { TabWriter } from '../../gofmt/index.js';
import type { CliContext } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { goFixed } from './go-fixed.js';
import { machinedMounts } from './mounts-machined.js';

export type MountsOptions = SimulationOptions;

export async function runMounts(ctx: CliContext, opts: MountsOptions) {
  await withCluster(opts, ctx, async ({ nodes }) => {
    // the columns are the same in every release; the release is resolved for --talosctl-version's checks
    talosctlRelease(nodes, opts.talosctlVersion);
    const table = new TabWriter((text) => ctx.io.stdout(text));
    table.write('NODE\tFILESYSTEM\tSIZE(GB)\tUSED(GB)\tAVAILABLE(GB)\tPERCENT USED\tMOUNTED ON\n');
    for (const node of nodes) {
      for (const r of machinedMounts(node.filesystem.fs, node.filesystem.mounts)) {
        const percent = 100 - 100 * (r.available / r.size);
        if (Number.isNaN(percent)) continue;
        const gb = (bytes: number) => goFixed(bytes * 1e-9, 2);
        table.write(
          `${node.address}\t${r.filesystem}\t${gb(r.size)}\t${gb(r.size - r.available)}\t${gb(r.available)}\t${goFixed(percent, 2)}%\t${r.mountedOn}\n`,
        );
      }
    }
    table.flush();
  });
}
