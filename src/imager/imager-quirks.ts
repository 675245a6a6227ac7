// What the extension builder of a Talos release does differently from others, beyond the per-version facts of
// src/extensions (paths, compression, allowlists). Each boundary names its upstream source (siderolabs/talos):
// - modules.dep layer: internal/pkg/extensions/kernel_modules.go first shipped in v1.4.0;
// - early CPU microcode: `earlyCPUUcode` in internal/pkg/extensions/compress.go first shipped in v1.6.0;
// - SELinux labels as mksquashfs pseudo definitions (`-xattrs-exclude .*`): commit d697f553, first in v1.13.0-rc.0;
// - the schematic in the virtual extension's `extraInfo`: image-factory's `SupportsOverlay` quirk (v1.7.0);
// - constraints checked against the core version (quirks.Version()) from the v1.5 imager on; the v1.0–v1.4
//   installer checked the release tag itself (pkg/version).
import { SemVer } from 'semver';
import { parseTalosVersion, type TalosVersionFacts } from '../extensions/index.js';
import type { YamlFlavour } from '../goyaml/index.js';

export interface ImagerQuirks {
  /** The release as a full version (pre-release kept). */
  readonly version: SemVer;
  /** Major.minor.patch: what upstream quirks compare. */
  readonly core: string;
  /** The version extension constraints are checked against (core from v1.5, the full tag before). */
  readonly constraintVersion: string;
  /** Whether extensions shipping kernel modules get the synthetic `modules.dep` layer. */
  readonly modulesDepLayer: boolean;
  /** Whether CPU microcode is gathered into the uncompressed early cpio. */
  readonly earlyMicrocode: boolean;
  /** Whether mksquashfs gets `-xattrs-exclude .*` and per-file SELinux labels. */
  readonly selinuxLabels: boolean;
  /** Whether Image Factory puts the schematic into the virtual extension's `extraInfo`. */
  readonly schematicExtraInfo: boolean;
  /** The go-yaml release that writes `/extensions.yaml`. */
  readonly yamlFlavour: YamlFlavour;
}

function coreAtLeast(core: string, boundary: string): boolean {
  return new SemVer(core).compare(boundary) >= 0;
}

export function imagerQuirks(facts: TalosVersionFacts): ImagerQuirks {
  const version = parseTalosVersion(facts.version);
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return {
    version,
    core,
    constraintVersion: coreAtLeast(core, '1.5.0') ? core : facts.version,
    modulesDepLayer: coreAtLeast(core, '1.4.0'),
    earlyMicrocode: coreAtLeast(core, '1.6.0'),
    selinuxLabels: version.compare('1.13.0-rc.0') >= 0,
    schematicExtraInfo: coreAtLeast(core, '1.7.0'),
    yamlFlavour: facts.goYaml,
  };
}
