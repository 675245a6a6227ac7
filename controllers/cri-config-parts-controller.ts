// files.CRIConfigPartsController (v1.0 … v1.14.0-alpha.2; replaced by files.CRIConfigController in v1.14.0-beta.0):
// every `/etc/cri/conf.d/*.part` (filepath.Glob: dotfiles and directories match too, in byte order) — the rootfs's
// 00-base.part, the rendered 01-registries.part and 20-customization.part, and whatever extensions ship — merged
// into the EtcFileSpec `cri/conf.d/cri.toml` that files.EtcFileController renders for containerd. It reruns whenever
// an EtcFileStatus changes (a part was rendered). Per release:
// - before v1.3.0-alpha.2 the parts are concatenated, each after a `\n## <path>\n\n` line;
// - from it they are TOML-merged (internal/pkg/toml.Merge) under `## <path>` header lines; BurntSushi/toml encoded
//   the result until v1.8.0-alpha.0 — talos-sim writes go-toml v2's encoding for those releases too (a known
//   difference); from v1.8.0-alpha.1 it is go-toml v2 with indented tables, as modelled;
// - from v1.10.4 / v1.11.0-alpha.1 each header line carries the part's sha256 and the resource is annotated
//   `talos.dev/source-file:<path>` = that hash (stale annotations are never removed: see the QUIRK below);
// - from v1.9.0-alpha.3 the spec has `selinux_label: system_u:object_r:etc_t:s0`.
import { EtcFileSpecResourceType, type EtcFileSpecSpec, EtcFileSpecType } from '../resources/etc-file-spec.js';
import { EtcFileStatusType } from '../resources/etc-file-status.js';
import { hasBackport, isTalosAtLeast } from '../resources/talos-release.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { compareGoStrings, goFsErrorText } from '../src/gofmt/index.js';
import { ControllerFailure, messageOf } from './controller-failure.js';
import { type CriConfigPart, mergeCriConfigParts } from './go-toml/index.js';

/** constants.CRIConfig: the merged file, relative to /etc. */
export const CRI_CONFIG = 'cri/conf.d/cri.toml';
/** constants.CRIConfdPath (EtcCRIConfdPath from v1.12). */
export const CRI_CONFD_PATH = '/etc/cri/conf.d';
/** files.SourceFileAnnotation */
export const SOURCE_FILE_ANNOTATION = 'talos.dev/source-file';
/** constants.EtcSelinuxLabel */
export const ETC_SELINUX_LABEL = 'system_u:object_r:etc_t:s0';

/** What the controller reads: the conf.d listing and the parts' bytes. */
export interface CriConfigFiles {
  readdirSync(path: string): string[];
  readFileSync(path: string): Uint8Array;
}

export interface CriConfigPartsControllerOptions {
  readonly files: CriConfigFiles;
  readonly talosVersion: string;
}

/** The EtcFileSpec's spec fields of a release (`selinux_label` exists from v1.9.0-alpha.3). */
export function criConfigSpec(contents: string, talosVersion: string): EtcFileSpecSpec {
  const spec: EtcFileSpecSpec = { contents, mode: 0o600 };
  if (isTalosAtLeast(talosVersion, 'v1.9.0-alpha.3')) spec.selinux_label = ETC_SELINUX_LABEL;
  return spec;
}

export class CriConfigPartsController implements Controller {
  readonly name = 'files.CRIConfigPartsController';

  constructor(private readonly options: CriConfigPartsControllerOptions) {}

  inputs(): Input[] {
    return [{ namespace: 'files', type: EtcFileStatusType.definition.type, kind: 'weak' }];
  }

  outputs(): Output[] {
    return [{ type: EtcFileSpecResourceType, kind: 'shared' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    const version = this.options.talosVersion;
    const merge = isTalosAtLeast(version, 'v1.3.0-alpha.2');
    const checksums = hasBackport(version, { 'v1.10': 'v1.10.4', 'v1.11': 'v1.11.0-alpha.1' });
    // each reconcile in its own call: a parked loop would otherwise keep the last parts and merged text alive
    // (~9 KiB a node) until the next event
    while (await r.nextEvent()) {
      await this.reconcile(r, version, merge, checksums);
      r.resetRestartBackoff();
    }
  }

  private async reconcile(r: Runtime, version: string, merge: boolean, checksums: boolean): Promise<void> {
    const paths = this.parts();
    const contents = paths.map((path) => this.read(path));
    let text: string;
    let annotations: readonly (readonly [string, string])[] = [];
    if (!merge) {
      text = paths
        .map((path, i) => `\n## ${path}\n\n${Buffer.from(contents[i] as Uint8Array).toString('utf8')}`)
        .join('');
    } else {
      const parts: CriConfigPart[] = paths.map((path, i) => ({
        name: path,
        origin: path,
        contents: contents[i] as Uint8Array,
      }));
      let merged: ReturnType<typeof mergeCriConfigParts>;
      try {
        merged = mergeCriConfigParts(parts);
      } catch (err) {
        throw new ControllerFailure('cri-config', messageOf(err), { cause: err });
      }
      text = checksums ? merged.contents : stripChecksums(merged.contents, paths.length);
      if (checksums) annotations = merged.checksums.map(([path, sha]) => [`${SOURCE_FILE_ANNOTATION}:${path}`, sha]);
    }
    try {
      await r.modify(newTypedResource(EtcFileSpecType, CRI_CONFIG), (res) => {
        // QUIRK: upstream means to clear the annotations first, but ranges over the map's values
        // (`for _, key := range Annotations().Raw()`) and deletes keys named like a hash: nothing is ever removed,
        // so the annotation of a part that went away stays.
        for (const [k, v] of annotations) res.metadata.annotations.set(k, v);
        res.spec = criConfigSpec(text, version);
      });
    } catch (err) {
      throw ControllerFailure.wrap('state', 'error modifying resource', err);
    }
  }

  /** filepath.Glob("/etc/cri/conf.d/*.part"), sorted. */
  private parts(): string[] {
    let names: string[];
    try {
      names = this.options.files.readdirSync(CRI_CONFD_PATH);
    } catch {
      // Glob ignores I/O errors: no directory, no parts
      return [];
    }
    return names
      .filter((n) => n.endsWith('.part'))
      .map((n) => `${CRI_CONFD_PATH}/${n}`)
      .sort(compareGoStrings);
  }

  private read(path: string): Uint8Array {
    try {
      return this.options.files.readFileSync(path);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      // os.Open succeeds on a directory; reading it fails (toml: read …: is a directory)
      const text = code === 'EISDIR' ? `toml: read ${path}: is a directory` : goFsErrorText(err, 'open');
      throw new ControllerFailure('cri-config', `error decoding "${path}": ${text}`, { cause: err });
    }
  }
}

/** The header lines before v1.10.4 named the part only: `## <path>`. */
function stripChecksums(contents: string, parts: number): string {
  const lines = contents.split('\n');
  for (let i = 0; i < parts; i++) lines[i] = (lines[i] as string).replace(/ \(sha256:[0-9a-f]{64}\)$/, '');
  return lines.join('\n');
}
