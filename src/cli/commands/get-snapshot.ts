// `sim get` answered from the snapshot of the cluster the options would boot (booted-snapshots.ts), when one is
// kept: the same printing code as a booted cluster's, without booting, errors included (an unknown type, a type or
// namespace a node does not have, a bad output format). What the snapshot cannot answer exactly as the booted nodes
// would (an id a node does not hold, an address spelled otherwise than in the scenario) leaves the command to boot
// the cluster, so what it prints never depends on whether a snapshot was there.
//
// This module only looks for the snapshot (its key, its entry, the entry's checksum), so that a command without one
// (a kept cluster, --no-cache, a scenario with images by path) loads little; the printing code is loaded on a hit.
// The executable asks it first, before it loads the command tree, for a `get` simple enough to read without one
// (plain-get.ts): answerPlainGet.
import { readSnapshot, snapshotKey } from '../booted-snapshots.js';
import type { CliContext } from '../cli-context.js';
import type { PlainGet } from '../plain-get.js';
import type { GetOptions, Usage } from './get-printing.js';
import { needsUsage } from './node-command-errors.js';

/**
 * What the snapshot answered. The bundled executable loads this module as a bundle of its own, with its own copy of
 * every class: the CliExit the command ends with crosses over as data, for the caller to throw its own.
 */
export type SnapshotAnswer =
  | {
      readonly answered: false;
      /** The key of the cluster the command boots instead, when it may keep its snapshot (for runGet). */
      readonly key?: string;
    }
  | { readonly answered: true; readonly exit?: { readonly message: string; readonly exitCode: number } };

/**
 * Prints what `get` prints and says how the command ends (as the booted command would), or prints nothing and says
 * it did not answer: the cluster must boot (under the key worked out here, if it may keep a snapshot). `usage` ends
 * a message as the command does (cobra's usage after some); if it throws, the snapshot does not answer.
 */
export async function getFromSnapshot(
  ctx: CliContext,
  usage: Usage,
  type: string,
  id: string | undefined,
  opts: GetOptions,
): Promise<SnapshotAnswer> {
  const key = opts.watch === true ? undefined : snapshotKey(opts, ctx);
  if (key === undefined) return { answered: false };
  const snapshot = readSnapshot(key, ctx);
  if (snapshot === undefined) return { answered: false, key };
  const answer = await (await import('./print-snapshot.js')).printFromSnapshot(ctx, usage, snapshot, type, id, opts);
  return answer.answered ? answer : { answered: false, key };
}

/** The usage comes from the command tree, which a plain `get` has not loaded: such an answer is the tree's to give. */
class UsageNotLoaded extends Error {}

/**
 * A plain `sim get` answered from a snapshot without the command tree: the exit status, having printed what the
 * command prints (an error's message as runCli prints it), or undefined, having printed nothing, when the command
 * tree must run it (no snapshot, a miss, or an error that cobra follows with the usage).
 */
export async function answerPlainGet(ctx: CliContext, plain: PlainGet): Promise<number | undefined> {
  const withoutUsage: Usage = (message) => {
    if (needsUsage(message)) throw new UsageNotLoaded();
    return message;
  };
  const answer = await getFromSnapshot(ctx, withoutUsage, plain.type, plain.id, plain.opts);
  if (!answer.answered) return undefined;
  if (answer.exit === undefined) return 0;
  if (answer.exit.message !== '') ctx.io.stderr(`${answer.exit.message}\n`);
  return answer.exit.exitCode;
}
