// runtime.ExtensionServiceConfigFilesController: writes each ExtensionServiceConfig's files under
// /system/overlays/extensions/<id>/ (directories 0755, files 0644, the mount path flattened: leading `/` dropped,
// every `/` turned into `-` — so `/etc/a-b` and `/etc/a/b` collide, a QUIRK upstream has), leaves unchanged files
// alone (their mtime too), removes everything else under the base directory, and publishes
// ExtensionServiceConfigStatus with the config resource's version. In container mode it does nothing at all, so
// no status ever appears.
import { posix } from 'node:path';
import { ExtensionServiceConfigType } from '../resources/extension-service-config.js';
import { ExtensionServiceConfigStatusType } from '../resources/extension-service-config-status.js';
import type { Controller, Input, Logger, Output, Runtime } from '../src/cosi/index.js';
import { newTypedResource } from '../src/cosi/index.js';

/** constants.ExtensionServiceUserConfigPath */
export const EXTENSION_SERVICE_USER_CONFIG_PATH = '/system/overlays/extensions';

/** The node:fs calls the controller makes on the node's filesystem. */
export interface ConfigFilesFs {
  mkdirSync(path: string, options: { readonly recursive: true; readonly mode: number }): unknown;
  readFileSync(path: string): Buffer | Uint8Array;
  writeFileSync(path: string, data: Uint8Array, options: { readonly mode: number }): void;
  readdirSync(path: string, options: { readonly withFileTypes: true }): { name: string; isDirectory(): boolean }[];
  rmSync(path: string, options: { readonly recursive: true; readonly force: true }): void;
}

export interface ExtensionServiceConfigFilesControllerOptions {
  readonly fs: ConfigFilesFs;
  /** Default /system/overlays/extensions. */
  readonly baseDir?: string;
  /** The node runs in a container (Docker provisioner): the controller returns at once. */
  readonly containerMode?: boolean;
}

/** The file name a mount path gets in the service's config directory. */
export function flattenMountPath(mountPath: string): string {
  return (mountPath.startsWith('/') ? mountPath.slice(1) : mountPath).replaceAll('/', '-');
}

export class ExtensionServiceConfigFilesController implements Controller {
  readonly name = 'runtime.ExtensionServiceConfigFilesController';

  constructor(private readonly opts: ExtensionServiceConfigFilesControllerOptions) {}

  inputs(): Input[] {
    return [{ namespace: 'runtime', type: ExtensionServiceConfigType.definition.type, kind: 'strong' }];
  }

  outputs(): Output[] {
    return [{ type: ExtensionServiceConfigStatusType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    if (this.opts.containerMode) return;
    const base = this.opts.baseDir ?? EXTENSION_SERVICE_USER_CONFIG_PATH;
    const { fs } = this.opts;
    while (await r.nextEvent()) {
      const configs = await r.list({ namespace: 'runtime', type: ExtensionServiceConfigType.definition.type });
      r.startTrackingOutputs();
      const touched = new Set<string>();
      for (const res of configs) {
        const dir = posix.join(base, res.metadata.id);
        try {
          fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
        } catch (err) {
          throw new Error(`error creating directory ${JSON.stringify(dir)}: ${(err as Error).message}`);
        }
        touched.add(dir);
        const spec = res.spec as { files?: { content: string; mountPath: string }[] };
        for (const file of spec.files ?? []) {
          const name = posix.join(dir, flattenMountPath(file.mountPath));
          try {
            updateFile(fs, name, Buffer.from(file.content, 'utf8'));
          } catch (err) {
            throw new Error(`error writing file ${JSON.stringify(name)}: ${(err as Error).message}`);
          }
          touched.add(name);
        }
        await r.modify(newTypedResource(ExtensionServiceConfigStatusType, res.metadata.id), (status) => {
          status.spec = { specVersion: String(res.metadata.version ?? 0) };
        });
      }
      removeUntouched(fs, base, touched);
      await r.cleanupOutputs({ namespace: 'runtime', type: ExtensionServiceConfigStatusType.definition.type });
    }
  }
}

/** Writes the file unless it already holds exactly this content (so its mtime stays). */
function updateFile(fs: ConfigFilesFs, path: string, content: Buffer): void {
  try {
    if (Buffer.from(fs.readFileSync(path)).equals(content)) return;
  } catch {
    // missing or unreadable: write it
  }
  fs.writeFileSync(path, content, { mode: 0o644 });
}

/** filepath.WalkDir over the base in lexical order, removing every path not touched (a missing base is fine). */
function removeUntouched(fs: ConfigFilesFs, dir: string, touched: ReadonlySet<string>): void {
  let entries: { name: string; isDirectory(): boolean }[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))) {
    const path = posix.join(dir, entry.name);
    if (!touched.has(path)) fs.rmSync(path, { recursive: true, force: true });
    else if (entry.isDirectory()) removeUntouched(fs, path, touched);
  }
}
