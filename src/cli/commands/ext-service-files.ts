// The service definitions an extension ships (/usr/local/etc/containers in its rootfs), read as a node's
// ExtensionServiceController reads them (readServiceDefinitions: byte order, `.yaml` only, go-yaml of the release,
// Validate()'s multierror texts, the first file of a name wins), for `sim ext validate`. On a node a bad file is
// logged and skipped, so its service never exists; for an extension author that is an error. A file that is not
// `.yaml` is skipped silently by Talos: a warning here (an error under --strict).
import { posix } from 'node:path';
import type { Extension, FsNode } from '../../extensions/index.js';
import { readServiceDefinitions, SERVICE_DEFINITION_MESSAGES } from '../../extensions/services/index.js';
import { goQuote } from '../../gofmt/index.js';
import type { YamlFlavour } from '../../goyaml/index.js';

const CONTAINERS = '/usr/local/etc/containers';
/** Linux's limit on symlinks followed in one lookup (ELOOP). */
const MAX_SYMLINKS = 40;

export interface ServiceFileReport {
  /** Files that would not become services, with the controller's texts; each `<path>: <message>: <error>`. */
  readonly errors: readonly string[];
  /** Files Talos skips (not exactly `.yaml`). */
  readonly skipped: readonly string[];
}

/** Looks a path up in the extension's rootfs, following symlinks inside it as the merged root would. */
function lookup(rootfs: FsNode, path: string, hops = 0): FsNode | undefined {
  let node: FsNode | undefined = rootfs;
  const parts = path.split('/').filter((p) => p !== '');
  for (let i = 0; i < parts.length; i++) {
    if (node?.kind !== 'directory') return undefined;
    node = node.entries.get(parts[i] as string);
    if (node?.kind === 'symlink') {
      if (hops >= MAX_SYMLINKS) return undefined;
      const here = `/${parts.slice(0, i).join('/')}`;
      const target = posix.resolve(here, node.target, ...parts.slice(i + 1));
      return lookup(rootfs, target, hops + 1);
    }
  }
  return node;
}

/** What os.ReadFile on the node gives for a file of the directory (the controller's texts for its failures). */
function readFile(rootfs: FsNode, filename: string): Uint8Array {
  const path = `${CONTAINERS}/${filename}`;
  const node = lookup(rootfs, path);
  if (node === undefined) throw new Error(`open ${path}: no such file or directory`);
  if (node.kind === 'directory') {
    throw new Error(`error unmarshalling extension service config: read ${path}: is a directory`);
  }
  if (node.kind !== 'file') throw new Error(`open ${path}: not a regular file in the extension image`);
  return node.read();
}

export function checkServiceFiles(ext: Extension, flavour: YamlFlavour): ServiceFileReport {
  const dir = lookup(ext.rootfs, CONTAINERS);
  if (dir?.kind !== 'directory') return { errors: [], skipped: [] };
  const outcomes = readServiceDefinitions([...dir.entries.keys()], (name) => readFile(ext.rootfs, name), { flavour });
  const errors: string[] = [];
  const skipped: string[] = [];
  for (const o of outcomes) {
    const path = `${CONTAINERS}/${o.filename}`;
    switch (o.kind) {
      case 'skipped':
        skipped.push(`${path}: ${SERVICE_DEFINITION_MESSAGES.skipped} (only files named *.yaml define services)`);
        break;
      case 'load-error':
      case 'invalid':
        errors.push(`${path}: ${SERVICE_DEFINITION_MESSAGES[o.kind]}: ${o.error.trimEnd()}`);
        break;
      case 'duplicate':
        errors.push(
          `${path}: ${SERVICE_DEFINITION_MESSAGES.duplicate}: name ${goQuote(o.name)} (the first file in name order wins)`,
        );
        break;
      case 'ok':
        break;
    }
  }
  return { errors, skipped };
}
