// files.CRIConfigController (v1.14.0-beta.0 on, commit 7e58e0442): builds `cri/conf.d/cri.toml` from named parts
// merged in name order — the `*.part` files of /etc/cri/conf.d (directories skipped; extensions' parts among them,
// origin `file /etc/cri/conf.d/<name>`), `01-registries.part` generated in memory (origin `in-memory registries`,
// replacing a file of that name), and one `20-<name>.part` per CRI customization (origin `in-memory customization
// "<name>"`): the CRICustomizationConfig documents, and the legacy `/etc/cri/conf.d/20-customization.part` machine
// file as `customization`. Upstream reads the cri.RegistriesConfig and cri.CustomizationConfig resources; talos-sim
// reads the machine config they are derived from (its weak input here), and does not render the registry hosts
// directory. The merged file is written with no annotations.
import { EtcFileSpecResourceType, EtcFileSpecType } from '../resources/etc-file-spec.js';
import type { MachineConfigSpec } from '../resources/machine-config.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { compareGoStrings, goFsErrorText, goQuote } from '../src/gofmt/index.js';
import { ACTIVE_MACHINE_CONFIG_INPUT, activeMachineConfig } from './active-machine-config.js';
import { ControllerFailure, messageOf } from './controller-failure.js';
import { CRI_CONFD_PATH, CRI_CONFIG, criConfigSpec } from './cri-config-parts-controller.js';
import { criRegistriesPart, registryAuths } from './cri-registries-part.js';
import { type CriConfigPart, mergeCriConfigParts } from './go-toml/index.js';

/** What the controller reads from /etc/cri/conf.d. */
export interface CriConfigDirectory {
  readdirSync(path: string, options: { readonly withFileTypes: true }): { name: string; isDirectory(): boolean }[];
  readFileSync(path: string): Uint8Array;
}

export interface CriConfigControllerOptions {
  readonly files: CriConfigDirectory;
  readonly talosVersion: string;
}

const REGISTRIES_PART = '01-registries.part';
const LEGACY_CUSTOMIZATION = '/etc/cri/conf.d/20-customization.part';

/** config.CRICustomizationConfigs(): the documents and the legacy machine file, sorted by name (stable). */
export function criCustomizations(config: MachineConfigSpec | undefined): [name: string, content: string][] {
  const out: [string, string][] = [];
  for (const doc of config?.documents ?? []) {
    if (doc.kind === 'CRICustomizationConfig' && 'apiVersion' in doc) {
      out.push([doc.name ?? '', String(doc.value.content ?? '')]);
    }
  }
  const v1alpha1 = config?.documents.find((d) => d.kind === 'v1alpha1');
  const files = (v1alpha1?.value.machine as { files?: unknown } | undefined)?.files;
  if (Array.isArray(files)) {
    const legacy = files.find((f) => (f as { path?: unknown } | null)?.path === LEGACY_CUSTOMIZATION) as
      | { content?: unknown }
      | undefined;
    if (legacy !== undefined) out.push(['customization', String(legacy.content ?? '')]);
  }
  return out.sort((a, b) => compareGoStrings(a[0], b[0]));
}

export class CriConfigController implements Controller {
  readonly name = 'files.CRIConfigController';

  constructor(private readonly options: CriConfigControllerOptions) {}

  inputs(): Input[] {
    return [ACTIVE_MACHINE_CONFIG_INPUT];
  }

  outputs(): Output[] {
    return [{ type: EtcFileSpecResourceType, kind: 'shared' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      const config = await activeMachineConfig(r);
      const parts = new Map<string, CriConfigPart>();
      for (const [name, contents] of this.physicalParts()) {
        parts.set(name, { name, origin: `file ${CRI_CONFD_PATH}/${name}`, contents });
      }
      const registries = criRegistriesPart(registryAuths(config), this.options.talosVersion);
      parts.set(REGISTRIES_PART, {
        name: REGISTRIES_PART,
        origin: 'in-memory registries',
        contents: Buffer.from(registries),
      });
      for (const [name, content] of criCustomizations(config)) {
        const file = `20-${name}.part`;
        parts.set(file, {
          name: file,
          origin: `in-memory customization ${goQuote(name)}`,
          contents: Buffer.from(content),
        });
      }
      let merged: string;
      try {
        merged = mergeCriConfigParts(
          [...parts.keys()].sort(compareGoStrings).map((k) => parts.get(k) as CriConfigPart),
        ).contents;
      } catch (err) {
        throw new ControllerFailure('cri-config', `error merging CRI config: ${messageOf(err)}`, { cause: err });
      }
      try {
        await r.modify(newTypedResource(EtcFileSpecType, CRI_CONFIG), (res) => {
          res.metadata.annotations.clear();
          res.spec = criConfigSpec(merged, this.options.talosVersion);
        });
      } catch (err) {
        throw ControllerFailure.wrap('state', 'error modifying resource', err);
      }
      r.resetRestartBackoff();
    }
  }

  /** xfs.ReadDir of cri/conf.d: the regular `*.part` entries and their bytes. */
  private physicalParts(): [string, Uint8Array][] {
    const { files } = this.options;
    const wrap = (err: unknown, op: string, path: string) =>
      new ControllerFailure('cri-config', `error loading physical CRI config parts: ${goFsErrorText(err, op, path)}`, {
        cause: err,
      });
    let entries: { name: string; isDirectory(): boolean }[];
    try {
      entries = files.readdirSync(CRI_CONFD_PATH, { withFileTypes: true });
    } catch (err) {
      throw wrap(err, 'open', CRI_CONFD_PATH);
    }
    const out: [string, Uint8Array][] = [];
    for (const entry of entries) {
      if (entry.isDirectory() || !entry.name.endsWith('.part')) continue;
      const path = `${CRI_CONFD_PATH}/${entry.name}`;
      try {
        out.push([entry.name, files.readFileSync(path)]);
      } catch (err) {
        throw wrap(err, 'open', path);
      }
    }
    return out;
  }
}
