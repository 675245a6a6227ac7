// The Talos releases talos-sim knows, and the version-dependent facts the extension machinery needs.
// Boundaries are data; each fact names its upstream source (siderolabs/talos unless said otherwise):
// - allowlist: `AllowedPaths` in pkg/machinery/extensions/extensions.go (internal/pkg/extensions before v1.8),
//   read at every release tag; it only ever changed between minor lines.
// - usr-merge (`/lib/modules` → `/usr/lib/modules`, `/lib/firmware` → `/usr/lib/firmware`) and squashfs
//   compression (zstd level 18 from v1.8.0, else xz): pkg/machinery/imager/quirks/quirks.go
//   (`minTalosVersionUsrMerge`, `minVersionZstd`), which compare the core version only.
// - boot assets with extensions: the imager (`cmd/installer/cmd/imager`) first shipped in v1.5.0.
// - `.machine.install.extensions`: honoured by the installer up to v1.9, no effect from v1.10.0 (spec §3.3); the
//   deprecation warning (pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go) exists from v1.6.0 and its
//   link moved to docs.siderolabs.com in v1.13.0.
// - kernel: the `Linux:` line of hack/release.toml at the tag (v1.2.9 lists none; its CHANGELOG has 5.15.83 for
//   v1.2.8 and no kernel update after it).
import { SemVer } from 'semver';
import type { YamlFlavour } from '../goyaml/index.js';
import { parseTalosVersion, type TalosVersionInput, talosTag } from './talos-version.js';
import { TalosVersionError } from './talos-version-error.js';

/** One allowlist, valid from `since` (a core version) until the next era. */
interface AllowlistEra {
  readonly since: string;
  readonly paths: readonly string[];
}

const ALLOWLIST_ERAS: readonly AllowlistEra[] = [
  { since: '1.0.0', paths: ['/etc/cri/conf.d', '/lib/firmware', '/usr/etc/udev/rules.d', '/usr/local'] },
  {
    since: '1.2.0',
    paths: [
      '/etc/cri/conf.d',
      '/lib/firmware',
      '/lib/modules',
      '/lib64/ld-linux-x86-64.so.2',
      '/usr/etc/udev/rules.d',
      '/usr/local',
    ],
  },
  {
    since: '1.5.0',
    paths: [
      '/etc/cri/conf.d',
      '/lib/firmware',
      '/lib/modules',
      '/lib64/ld-linux-x86-64.so.2',
      '/usr/etc/udev/rules.d',
      '/usr/local',
      '/usr/share/glvnd',
      '/usr/share/egl',
      '/etc/vulkan',
    ],
  },
  {
    since: '1.9.0',
    paths: [
      '/etc/cri/conf.d',
      '/lib/firmware',
      '/lib/modules',
      '/lib64/ld-linux-x86-64.so.2',
      '/sbin/ldconfig',
      '/usr/lib/udev/rules.d',
      '/usr/local',
      '/usr/share/glvnd',
      '/usr/share/egl',
      '/etc/vulkan',
    ],
  },
  {
    since: '1.10.0',
    paths: [
      '/etc/cri/conf.d',
      '/usr/lib/firmware',
      '/usr/lib/modules',
      '/usr/lib/ld-linux-x86-64.so.2',
      '/usr/bin/ldconfig',
      '/usr/lib/udev/rules.d',
      '/usr/local',
      '/usr/share/glvnd',
      '/usr/share/egl',
      '/etc/vulkan',
    ],
  },
  {
    since: '1.12.0',
    paths: [
      '/etc/cri/conf.d',
      '/usr/lib/firmware',
      '/usr/lib/modules',
      '/usr/lib/ld-linux-x86-64.so.2',
      '/usr/lib/ld-linux-aarch64.so.1',
      '/usr/bin/ldconfig',
      '/usr/lib/udev/rules.d',
      '/usr/local',
      '/usr/share/glvnd',
      '/usr/share/egl',
      '/etc/vulkan',
    ],
  },
  {
    since: '1.13.0',
    paths: [
      '/etc/cri/conf.d',
      '/usr/lib/firmware',
      '/usr/lib/modules',
      '/usr/lib/ld-linux-x86-64.so.2',
      '/usr/lib/ld-linux-aarch64.so.1',
      '/usr/bin/ldconfig',
      '/etc/ld.so.conf',
      '/etc/ld.so.cache',
      '/usr/bin/nvidia-modprobe',
      '/usr/bin/nvidia-pcc',
      '/usr/bin/nvidia-smi',
      '/usr/bin/nvidia-ctk',
      '/usr/bin/nvidia-cdi-hook',
      '/usr/bin/nvme',
      '/usr/lib/udev/rules.d',
      '/usr/local',
      '/usr/share/glvnd',
      '/usr/share/egl',
      '/etc/vulkan',
    ],
  },
];

/** Version boundaries (core versions) of the facts below. */
export const TALOS_VERSION_BOUNDARIES = {
  /** First release with system extensions. */
  extensions: '1.0.0',
  /** Oldest release Image Factory serves (its MinTalosVersion): it builds with its own imager, so from before v1.5. */
  imageFactory: '1.2.0',
  /** First release whose imager builds boot assets with extensions. */
  bootAssetsWithExtensions: '1.5.0',
  /** First release that warns about `.machine.install.extensions`. */
  installExtensionsDeprecated: '1.6.0',
  /** First release whose imager squashes extensions with zstd level 18 instead of xz. */
  zstdCompression: '1.8.0',
  /** First release with `/lib` merged into `/usr` (modules and firmware move to `/usr/lib`). */
  usrMerge: '1.10.0',
  /** First release where `.machine.install.extensions` has no effect. */
  installExtensionsIgnored: '1.10.0',
  /** First release whose deprecation warning links to docs.siderolabs.com. */
  docsSiderolabsCom: '1.13.0',
} as const;

const WARNING_PREFIX = '.machine.install.extensions is deprecated, please see ';
const OLD_DOCS = 'https://www.talos.dev/latest/talos-guides/install/boot-assets/';
const NEW_DOCS = 'https://docs.siderolabs.com/talos/latest/platform-specific-installations/boot-assets';

/** Release tag and kernel of the first and the newest known release of each minor line. */
const RELEASE_LINES: readonly (readonly [first: string, firstKernel: string, latest: string, latestKernel: string])[] =
  [
    ['v1.0.0', '5.15.32', 'v1.0.6', '5.15.45'],
    ['v1.1.0', '5.15.48', 'v1.1.2', '5.15.57'],
    ['v1.2.0', '5.15.64', 'v1.2.9', '5.15.83'],
    ['v1.3.0', '5.15.83', 'v1.3.7', '5.15.106'],
    ['v1.4.0', '6.1.24', 'v1.4.8', '6.1.44'],
    ['v1.5.0', '6.1.45', 'v1.5.6', '6.1.74'],
    ['v1.6.0', '6.1.67', 'v1.6.8', '6.1.100'],
    ['v1.7.0', '6.6.28', 'v1.7.7', '6.6.52'],
    ['v1.8.0', '6.6.52', 'v1.8.4', '6.6.64'],
    ['v1.9.0', '6.12.5', 'v1.9.6', '6.12.25'],
    ['v1.10.0', '6.12.25', 'v1.10.9', '6.12.63'],
    ['v1.11.0', '6.12.43', 'v1.11.6', '6.12.62'],
    ['v1.12.0', '6.18.1', 'v1.12.11', '6.18.42'],
    ['v1.13.0', '6.18.24', 'v1.13.9', '6.18.44'],
    ['v1.14.0-rc.1', '6.18.44', 'v1.14.0-rc.1', '6.18.44'],
  ];

/** Other tags whose kernel talos-sim knows (the releases of the real extension lists it carries). */
const OTHER_KERNELS: Readonly<Record<string, string>> = {
  'v1.11.2': '6.12.48',
  'v1.14.0-alpha.1': '6.18.33',
  // CHANGELOG.md of release-1.14 (Component Updates of v1.14.0-beta.1)
  'v1.14.0-beta.1': '6.18.41',
};

export type SquashfsCompression =
  | { readonly algorithm: 'zstd'; readonly level: 18 }
  | { readonly algorithm: 'xz'; readonly dictSize: '100%' };

/** What talos-sim knows about one Talos version. */
export interface TalosVersionFacts {
  /** The version as a tag, e.g. `v1.10.3`. */
  readonly version: string;
  /** Its minor line, e.g. `v1.10`. */
  readonly line: string;
  readonly prerelease: boolean;
  /** Linux version when talos-sim knows this exact release (e.g. `6.12.25`); the module directory adds `-talos`. */
  readonly kernel: string | undefined;
  /**
   * `uname -r` of the node, e.g. `6.12.25-talos`: the release's own kernel, else that of the nearest earlier known
   * release of its line (patch releases only move the kernel forward, so this is the closest known), else the line's
   * first release. undefined for a line talos-sim does not know.
   */
  readonly kernelRelease: string | undefined;
  /** Paths extension contents must start with (upstream `AllowedPaths` of this release). */
  readonly allowedPaths: readonly string[];
  readonly usrMerge: boolean;
  /** Where kernel modules and firmware live: `/usr/lib/...` after the usr-merge, `/lib/...` before. */
  readonly modulesPath: '/usr/lib/modules' | '/lib/modules';
  readonly firmwarePath: '/usr/lib/firmware' | '/lib/firmware';
  /** How the imager squashes extension layers. */
  readonly squashfsCompression: SquashfsCompression;
  /** Whether `.machine.install.extensions` is installed at install/upgrade (≤ v1.9) or ignored. */
  readonly installExtensions: 'honoured' | 'ignored';
  /** The config validation warning for a non-empty `.machine.install.extensions`, if this release emits one. */
  readonly installExtensionsWarning: string | undefined;
  /** Whether the imager can build boot assets with extensions for this version (≥ v1.5.0). */
  readonly bootAssetsWithExtensions: boolean;
  /** Whether Image Factory serves this version (≥ v1.2.0, its MinTalosVersion). */
  readonly imageFactory: boolean;
  /**
   * The go-yaml release machined, the imager and talosctl of this version write YAML with (go-yaml spec §0.4): the
   * yaml.v3 v3.0.1 fork up to v1.11, go.yaml.in/yaml/v4 rc.3 in v1.12, rc.4 in v1.13 and v1.14.0-alpha.1, rc.5
   * (output identical to rc.6) from v1.14.0-alpha.2.
   */
  readonly goYaml: YamlFlavour;
}

function goYamlOf(v: SemVer): YamlFlavour {
  if (v.compare(new SemVer('1.14.0-alpha.2')) >= 0) return 'rc6';
  if (v.compare(new SemVer('1.13.0-0')) >= 0) return 'rc4';
  if (v.compare(new SemVer('1.12.0-0')) >= 0) return 'rc3';
  return 'v3';
}

function coreAtLeast(v: SemVer, boundary: string): boolean {
  const [major = 0, minor = 0, patch = 0] = boundary.split('.').map(Number);
  return v.major !== major ? v.major > major : v.minor !== minor ? v.minor > minor : v.patch >= patch;
}

const KERNELS = new Map<string, string>([
  ...RELEASE_LINES.flatMap(([first, fk, latest, lk]) => [[first, fk] as const, [latest, lk] as const]),
  ...Object.entries(OTHER_KERNELS),
]);

function kernelReleaseOf(v: SemVer): string | undefined {
  const line = `v${v.major}.${v.minor}.`;
  const candidates = [...KERNELS]
    .filter(([tag]) => tag.startsWith(line))
    .map(([tag, kernel]) => ({ at: parseTalosVersion(tag), kernel }))
    .sort((a, b) => a.at.compare(b.at));
  const chosen = candidates.filter((c) => c.at.compare(v) <= 0).at(-1) ?? candidates[0];
  return chosen === undefined ? undefined : `${chosen.kernel}-talos`;
}

/** Facts already worked out, by the version string asked for (every node of a fleet asks, at every boot). */
const factsByInput = new Map<string, TalosVersionFacts>();

/** Facts for any Talos version from v1.0.0 on; newer versions than the table get the newest known behaviour. */
export function describeTalosVersion(input: TalosVersionInput): TalosVersionFacts {
  if (typeof input !== 'string') return workOutFacts(input);
  let facts = factsByInput.get(input);
  if (facts === undefined) {
    const worked = workOutFacts(input);
    // shared by every caller: frozen through (allowedPaths is the era's own array, frozen once)
    Object.freeze(worked.allowedPaths);
    Object.freeze(worked.squashfsCompression);
    facts = Object.freeze(worked);
    if (factsByInput.size >= 1024) factsByInput.clear();
    factsByInput.set(input, facts);
  }
  return facts;
}

function workOutFacts(input: TalosVersionInput): TalosVersionFacts {
  const v = parseTalosVersion(input);
  if (!coreAtLeast(v, TALOS_VERSION_BOUNDARIES.extensions)) {
    throw new TalosVersionError('predates-extensions', typeof input === 'string' ? input : talosTag(v));
  }
  const at = (b: string) => coreAtLeast(v, b);
  const era = [...ALLOWLIST_ERAS].reverse().find((e) => at(e.since)) as AllowlistEra;
  const usrMerge = at(TALOS_VERSION_BOUNDARIES.usrMerge);
  const tag = talosTag(v);
  return {
    version: tag,
    line: `v${v.major}.${v.minor}`,
    prerelease: v.prerelease.length > 0,
    kernel: KERNELS.get(tag),
    kernelRelease: kernelReleaseOf(v),
    allowedPaths: era.paths,
    usrMerge,
    modulesPath: usrMerge ? '/usr/lib/modules' : '/lib/modules',
    firmwarePath: usrMerge ? '/usr/lib/firmware' : '/lib/firmware',
    squashfsCompression: at(TALOS_VERSION_BOUNDARIES.zstdCompression)
      ? { algorithm: 'zstd', level: 18 }
      : { algorithm: 'xz', dictSize: '100%' },
    installExtensions: at(TALOS_VERSION_BOUNDARIES.installExtensionsIgnored) ? 'ignored' : 'honoured',
    installExtensionsWarning: at(TALOS_VERSION_BOUNDARIES.installExtensionsDeprecated)
      ? WARNING_PREFIX + (at(TALOS_VERSION_BOUNDARIES.docsSiderolabsCom) ? NEW_DOCS : OLD_DOCS)
      : undefined,
    bootAssetsWithExtensions: at(TALOS_VERSION_BOUNDARIES.bootAssetsWithExtensions),
    imageFactory: at(TALOS_VERSION_BOUNDARIES.imageFactory),
    goYaml: goYamlOf(v),
  };
}

/** The newest known release of each minor line, oldest first: the rows of `--talos all`. */
export const KNOWN_TALOS_RELEASES: readonly TalosVersionFacts[] = RELEASE_LINES.map(([, , latest]) =>
  describeTalosVersion(latest),
);

export { DEFAULT_TALOS_VERSION } from './default-talos-version.js';
