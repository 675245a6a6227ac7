// A kept cluster's journal as it is carried out: the entries replayed onto a booted cluster, and a new operation
// turned into its journal entry (the images it reads from paths kept, its size checked against cluster.json's
// limit before anything is done). A stored entry that does not replay is the stored state's fault, and says so.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import {
  classifyImageArgument,
  detectImageSource,
  type FsTree,
  isImageSourceError,
  readImage,
} from '../extensions/index.js';
import { ImagerError } from '../imager/index.js';
import type { Cluster } from './cluster.js';
import { applyOperation, type ClusterOperation } from './cluster-operation.js';
import { KeptClusterError } from './kept-cluster-error.js';
import {
  entryProblem,
  type JournalEntry,
  type KeptClusterState,
  MAX_STATE_BYTES,
  stateText,
} from './kept-cluster-state.js';
import { KeptImageError, keepImage, keptImage } from './kept-image-store.js';

/** An extension argument as the journal keeps it: a reference, or a path made absolute against `cwd`. */
export function journalExtension(arg: string, cwd: string): string {
  const named = classifyImageArgument(arg, cwd);
  return named.kind === 'path' ? named.path : named.reference;
}

/**
 * A journaled operation as it is carried out: the references among its extensions are pinned (`{ reference }`), and
 * the paths it kept images of are those images. journalExtension already told paths from references where the
 * command ran; the installer would look a string up as a path again, in the scenario's directory, where a directory
 * of that name would replace the image.
 */
export function pinnedOperation(
  operation: ClusterOperation,
  images: (path: string) => FsTree | undefined = () => undefined,
): ClusterOperation {
  if (operation.kind !== 'upgrade' || operation.extensions === undefined) return operation;
  return {
    ...operation,
    extensions: operation.extensions.map((e) => {
      if (typeof e !== 'string') return e;
      if (!isAbsolute(e)) return { reference: e };
      const image = images(e);
      return image === undefined ? e : { image, label: e };
    }),
  };
}

/** `upgrade 10.5.0.2`: an operation as errors and `sim cluster show` name it. */
export function describeOperation(operation: ClusterOperation): string {
  return `${operation.kind} ${operation.node}`;
}

/** Carries out journal entry `index` of the cluster kept in `dir`; an error is the stored state's (replay-failed). */
export async function replayEntry(
  cluster: Cluster,
  name: string,
  dir: string,
  entry: JournalEntry,
  index: number,
): Promise<void> {
  const where = `journal[${index}]`;
  let operation: ClusterOperation;
  try {
    // a journal written before images were kept names the path only
    const gone = legacyPaths(entry).find((path) => !existsSync(path));
    if (gone !== undefined) {
      throw new KeptImageError(
        `extension ${gone} no longer exists (the upgrade read it there, and this cluster kept no copy of it)`,
      );
    }
    const images = new Map(Object.entries(entry.images ?? {}).map(([path, digest]) => [path, keptImage(dir, digest)]));
    operation = pinnedOperation(entry.operation, (path) => images.get(path));
  } catch (err) {
    throw new KeptClusterError({ kind: 'replay-failed', name, where, cause: err as Error });
  }
  try {
    await applyOperation(cluster, operation);
  } catch (err) {
    // an operation that failed did so deterministically: it fails again, having done the same part
    if (entry.failed === true) return;
    throw new KeptClusterError({
      kind: 'replay-failed',
      name,
      where: `${where} (${describeOperation(entry.operation)})`,
      cause: err as Error,
    });
  }
}

/** The extension paths of an entry that have no kept image. */
function legacyPaths(entry: JournalEntry): string[] {
  const { operation } = entry;
  if (operation.kind !== 'upgrade') return [];
  return (operation.extensions ?? []).filter(
    (e): e is string => typeof e === 'string' && isAbsolute(e) && entry.images?.[e] === undefined,
  );
}

/** A new operation, ready to be done and journaled: what to carry out, and the entry that records it. */
export interface PreparedOperation {
  readonly operation: ClusterOperation;
  readonly entry: (failed: boolean) => JournalEntry;
}

/**
 * Prepares `operation` at virtual time `at` for a cluster whose state is `state` with `journal`: each image it names
 * by path is read once, now, and kept in `dir` (the operation then installs that copy, as replays will); an entry
 * that would make cluster.json larger than a command may read is refused (state-too-large) before anything is done.
 */
export function prepareOperation(
  dir: string,
  state: KeptClusterState,
  journal: readonly JournalEntry[],
  operation: ClusterOperation,
  at: number,
  limit: number = MAX_STATE_BYTES,
): PreparedOperation {
  // what the reader would refuse is never written: an operation from code may hold what a journal cannot (an image
  // object, a reference object); as JSON keeps it, checked as a command reading it back checks it
  const problem = entryProblem(JSON.parse(JSON.stringify({ at, operation })));
  if (problem !== undefined) {
    throw new KeptClusterError({
      kind: 'unjournalable',
      name: state.name,
      operation: describeOperation(operation),
      reason: problem.replace(/^[.:] ?/, ''),
    });
  }
  const images = new Map<string, FsTree>();
  const kept: Record<string, string> = {};
  if (operation.kind === 'upgrade') {
    for (const e of operation.extensions ?? []) {
      if (typeof e !== 'string' || !isAbsolute(e) || images.has(e)) continue;
      const image = readPathImage(e);
      images.set(e, image);
      kept[e] = keepImage(dir, image);
    }
  }
  const entry = (failed: boolean): JournalEntry => ({
    at,
    operation,
    ...(failed ? { failed: true as const } : {}),
    ...(images.size === 0 ? {} : { images: kept }),
  });
  // the larger of its two forms (it may fail midway, and is journaled as failed then)
  const bytes = Buffer.byteLength(stateText({ ...state, journal: [...journal, entry(true)] }));
  if (bytes > limit) {
    throw new KeptClusterError({
      kind: 'state-too-large',
      name: state.name,
      operation: describeOperation(operation),
      bytes,
      limit,
    });
  }
  return { operation: pinnedOperation(operation, (path) => images.get(path)), entry };
}

/** Reads an image a path names, as the imager would (linux/amd64 from an index), with the imager's error. */
function readPathImage(path: string): FsTree {
  try {
    return readImage(detectImageSource(path));
  } catch (err) {
    if (isImageSourceError(err)) throw new ImagerError({ kind: 'extract', cause: err });
    throw err;
  }
}
