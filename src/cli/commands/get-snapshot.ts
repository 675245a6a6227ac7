// `sim get` answered from the snapshot of the cluster the options would boot (booted-snapshots.ts), when one is
// kept: the same printing code as a booted cluster's, without booting, errors included (an unknown type, a type or
// namespace a node does not have, a bad output format). What the snapshot cannot answer exactly as the booted nodes
// would (an id a node does not hold, an address spelled otherwise than in the scenario) leaves the command to boot
// the cluster, so what it prints never depends on whether a snapshot was there.
import type { Command } from 'commander';
import { SnapshotMiss, snapshotNodes } from '../../cluster/cluster-snapshot.js';
import { readSnapshot } from '../booted-snapshots.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { nodeAddresses } from '../scenario-selection.js';
import { type GetOptions, planGet, printResources } from './get-printing.js';

/**
 * What the snapshot answered. The bundled executable loads this module as a bundle of its own, with its own copy of
 * every class: the CliExit the command ends with crosses over as data, for the caller to throw its own.
 */
export type SnapshotAnswer =
  | { readonly answered: false }
  | { readonly answered: true; readonly exit?: { readonly message: string; readonly exitCode: number } };

/**
 * Prints what `get` prints and says how the command ends (as the booted command would), or prints nothing and says
 * it did not answer: the cluster must boot.
 */
export async function getFromSnapshot(
  ctx: CliContext,
  cmd: Command,
  type: string,
  id: string | undefined,
  opts: GetOptions,
): Promise<SnapshotAnswer> {
  const unanswered = { answered: false } as const;
  if (opts.watch === true) return unanswered;
  const snapshot = readSnapshot(opts, ctx);
  if (snapshot === undefined) return unanswered;
  // held back until the whole answer is known: on a miss nothing may have been printed
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
    await printResources(cmd, nodes, plan, id, (err) => err instanceof SnapshotMiss);
  } catch (err) {
    // a miss, or something unforeseen: the booted command answers in its own words
    if (!(err instanceof CliExit)) return unanswered;
    exit = err;
  }
  for (const chunk of stderr) ctx.io.stderr(chunk);
  for (const chunk of stdout) ctx.io.stdout(chunk);
  return exit === undefined
    ? { answered: true }
    : { answered: true, exit: { message: exit.message, exitCode: exit.exitCode } };
}
