// `sim get` printed from a kept snapshot (get-snapshot.ts found it): the booted command's printing code over the
// snapshot's nodes, its output held back until the whole answer is known, since a miss must print nothing.
import { type ClusterSnapshot, SnapshotMiss, snapshotNodes } from '../../cluster/cluster-snapshot.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { nodeAddresses } from '../scenario-selection.js';
import { type GetOptions, planGet, printResources, type Usage } from './get-printing.js';
import type { SnapshotAnswer } from './get-snapshot.js';

export async function printFromSnapshot(
  ctx: CliContext,
  usage: Usage,
  snapshot: ClusterSnapshot,
  type: string,
  id: string | undefined,
  opts: GetOptions,
): Promise<SnapshotAnswer> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const held: CliContext = {
    ...ctx,
    io: {
      stdout: (chunk) => {
        stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      },
      stderr: (chunk) => {
        stderr.push(chunk);
      },
    },
  };
  let exit: CliExit | undefined;
  try {
    const nodes = snapshotNodes(snapshot, nodeAddresses(opts));
    const plan = await planGet(held, nodes, type, id, opts);
    await printResources(usage, nodes, plan, id, (err) => err instanceof SnapshotMiss);
  } catch (err) {
    // a miss, a usage only the command tree has, or something unforeseen: the booted command answers in its own words
    if (!(err instanceof CliExit)) return { answered: false };
    exit = err;
  }
  for (const chunk of stderr) ctx.io.stderr(chunk);
  for (const chunk of stdout) ctx.io.stdout(chunk);
  return exit === undefined
    ? { answered: true }
    : { answered: true, exit: { message: exit.message, exitCode: exit.exitCode } };
}
