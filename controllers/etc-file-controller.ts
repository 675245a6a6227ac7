// files.EtcFileController: renders every EtcFileSpec into /etc. /etc is read-only (it is part of the rootfs), so the
// file is written to a shadow copy under /system/etc (tmpfs) and that copy is bind-mounted read-only over the
// placeholder the rootfs ships at /etc/<id>; a spec being torn down is unmounted and its copy removed. The version
// of the spec last written is published as EtcFileStatus, which controllers reading the files back take as input.
// Modelled on v1.11's controller (v1.12 and v1.13 keep the shadow files in an fd-based root, v1.14 uses an overlay
// for /etc: the same files end up readable at the same paths). Input EtcFileSpec (strong), output EtcFileStatus.
import { EtcFileSpecResourceType, type EtcFileSpecSpec } from '../resources/etc-file-spec.js';
import { EtcFileStatusType } from '../resources/etc-file-status.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Resource,
  type Runtime,
  versionString,
} from '../src/cosi/index.js';
import { goFsErrorText, goQuote, isNotExist } from '../src/gofmt/index.js';
import { ControllerFailure } from './controller-failure.js';

/** What the controller writes with: node:fs calls on the node's namespace. */
export interface EtcFileWriter {
  existsSync(path: string): boolean;
  mkdirSync(path: string, options: { readonly recursive: true; readonly mode: number }): unknown;
  writeFileSync(path: string, data: string, options: { readonly mode: number }): void;
  readFileSync(path: string, encoding: 'utf8'): string;
  unlinkSync(path: string): void;
}

/** The node's mount table, reduced to the bind mounts the controller makes. */
export interface EtcFileMounts {
  /** Bind-mounts the file at `source` read-only over the existing file at `target`. */
  bindReadOnly(source: string, target: string): void;
  unmount(target: string): void;
}

export interface EtcFileControllerOptions {
  readonly files: EtcFileWriter;
  readonly mounts: EtcFileMounts;
  /** Default `/etc`. */
  readonly etcPath?: string;
  /** Where the writable copies live (constants.SystemEtcPath). Default `/system/etc`. */
  readonly shadowPath?: string;
}

const FILES = 'files';

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

export class EtcFileController implements Controller {
  readonly name = 'files.EtcFileController';
  /** Bind mounts made so far; like the Go struct field, it outlives a restart of Run. */
  private readonly bindMounts = new Set<string>();

  constructor(private readonly options: EtcFileControllerOptions) {}

  inputs(): Input[] {
    return [{ namespace: FILES, type: EtcFileSpecResourceType, kind: 'strong' }];
  }

  outputs(): Output[] {
    return [{ type: EtcFileStatusType.definition.type, kind: 'exclusive' }];
  }

  /** The bind mounts made: a node forked from a converged one has them in its copied mount table. */
  checkpoint(): unknown {
    return [...this.bindMounts];
  }

  resume(checkpoint: unknown): void {
    for (const id of checkpoint as string[]) this.bindMounts.add(id);
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    // each reconcile in its own call: a parked loop would otherwise keep the last specs and contents alive
    while (await r.nextEvent()) {
      await this.reconcile(r, logger);
      r.resetRestartBackoff();
    }
  }

  private async reconcile(r: Runtime, logger: Logger): Promise<void> {
    const etc = this.options.etcPath ?? '/etc';
    const shadow = this.options.shadowPath ?? '/system/etc';
    const specs = (await r.list({ namespace: FILES, type: EtcFileSpecResourceType })) as Resource<EtcFileSpecSpec>[];
    for (const spec of specs) {
      if (spec.metadata.phase === 'running') await r.addFinalizer(spec.metadata, this.name);
    }
    const touched = new Set<string>();
    for (const spec of specs) {
      const id = spec.metadata.id;
      const src = `${shadow}/${id}`;
      const dst = `${etc}/${id}`;
      if (spec.metadata.phase === 'tearingDown') {
        if (this.bindMounts.has(id)) {
          logger.log('debug', 'removing bind mount', { src, dst });
          this.options.mounts.unmount(dst);
          this.bindMounts.delete(id);
        }
        logger.log('debug', 'removing file', { src });
        try {
          this.options.files.unlinkSync(src);
        } catch (err) {
          if (!isNotExist(err)) {
            throw new ControllerFailure(
              'etc-file',
              `failed to remove ${goQuote(src)}: ${goFsErrorText(err, 'remove')}`,
            );
          }
        }
        await r.removeFinalizer(spec.metadata, this.name);
        continue;
      }
      const { contents, mode } = spec.spec;
      if (!this.bindMounts.has(id)) {
        logger.log('debug', 'creating bind mount', { src, dst });
        try {
          this.createBindMountFile(src, dst, mode);
        } catch (err) {
          throw new ControllerFailure(
            'etc-file',
            `failed to create shadow bind mount ${goQuote(src)} -> ${goQuote(dst)}: ${goFsErrorText(err, 'mount')}`,
          );
        }
        this.bindMounts.add(id);
      }
      logger.log('debug', 'writing file contents', { src, version: versionString(spec.metadata.version) });
      try {
        this.updateFile(src, contents, mode);
      } catch (err) {
        throw new ControllerFailure('etc-file', `error updating ${goQuote(src)}: ${goFsErrorText(err, 'open')}`);
      }
      await r.modify(newTypedResource(EtcFileStatusType, id), (res) => {
        res.spec = { specVersion: versionString(spec.metadata.version) };
      });
      touched.add(id);
    }
    for (const status of await r.list({ namespace: FILES, type: EtcFileStatusType.definition.type })) {
      if (!touched.has(status.metadata.id)) await r.destroy(status.metadata);
    }
  }

  /** os.MkdirAll + OpenFile(O_CREATE) of the copy, then a read-only bind mount of it over /etc/<id>. */
  private createBindMountFile(src: string, dst: string, mode: number): void {
    const { files, mounts } = this.options;
    files.mkdirSync(dirname(src), { recursive: true, mode: 0o755 });
    if (!files.existsSync(src)) files.writeFileSync(src, '', { mode });
    mounts.bindReadOnly(src, dst);
  }

  /** Talos's UpdateFile: the copy is rewritten only when its contents change. */
  private updateFile(path: string, contents: string, mode: number): void {
    const { files } = this.options;
    try {
      if (files.readFileSync(path, 'utf8') === contents) return;
    } catch {
      // a missing or unreadable copy is simply written
    }
    files.writeFileSync(path, contents, { mode });
  }
}
