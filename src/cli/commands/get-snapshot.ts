// `sim get` answered from the snapshot of the cluster the options would boot (booted-snapshots.ts), when one is
// kept: the same printing code as a booted cluster's, without booting, errors included (an unknown type, a type or
// namespace a node does not have, a bad output format). What the snapshot cannot answer exactly as the booted nodes
// would (an id a node does not hold, an address spelled otherwise than in the scenario) leaves the command to boot
// the cluster, so what it prints never depends on whether a snapshot was there.
//
// This module only looks for the snapshot (its key, its entry, the entry's checksum), so that a command without one
// (a kept cluster, --no-cache, a scenario with images by path) loads little; the printing code is loaded on a hit.
import type { Command } from 'commander';
import { readSnapshot } from '../booted-snapshots.js';
import type { CliContext } from '../cli-context.js';
import type { GetOptions } from './get-printing.js';

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
  if (opts.watch === true) return { answered: false };
  const snapshot = readSnapshot(opts, ctx);
  if (snapshot === undefined) return { answered: false };
  return (await import('./print-snapshot.js')).printFromSnapshot(ctx, cmd, snapshot, type, id, opts);
}
