// Talos versions: parsing, and the Linux kernel each Talos minor release ships.
//
// Kernel table source: siderolabs/talos CHANGELOG.md on each release-1.x branch, the "Component Updates" section
// of the v1.x.0 release (v1.14: v1.14.0-beta.1, the newest tag when this was written). Patch releases move the
// kernel forward within the same series (v1.10.9 ships 6.12.63), so this is the kernel of the minor's first
// release; callers that need a specific patch level pass it explicitly. Talos kernels are built with
// CONFIG_LOCALVERSION="-talos" (siderolabs/pkgs kernel/build/config-amd64), so `uname -r` reads `<linux>-talos`.

const LINUX_BY_MINOR: Readonly<Record<string, string>> = {
  '1.0': '5.15.32',
  '1.1': '5.15.48',
  '1.2': '5.15.64',
  '1.3': '5.15.83',
  '1.4': '6.1.24',
  '1.5': '6.1.45',
  '1.6': '6.1.67',
  '1.7': '6.6.28',
  '1.8': '6.6.52',
  '1.9': '6.12.5',
  '1.10': '6.12.25',
  '1.11': '6.12.43',
  '1.12': '6.18.1',
  '1.13': '6.18.24',
  '1.14': '6.18.41',
};

/** A parsed Talos version. */
export interface TalosVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release suffix without the dash (`beta.1`), or empty. */
  readonly prerelease: string;
  /** The tag form, as Talos writes it to VERSION_ID: `v1.10.3`, `v1.14.0-beta.1`. */
  readonly tag: string;
}

export type TalosVersionProblem = 'malformed' | 'unknown-kernel';

/** A Talos version that cannot be parsed, or whose kernel is not in the table. */
export class TalosVersionError extends Error {
  readonly kind = 'talos-version-error' as const;
  constructor(
    readonly version: string,
    readonly problem: TalosVersionProblem,
  ) {
    super(talosVersionMessage(version, problem));
  }
}

function talosVersionMessage(version: string, problem: TalosVersionProblem): string {
  if (problem === 'malformed') return `invalid Talos version "${version}": expected v<major>.<minor>[.<patch>][-<pre>]`;
  const minors = Object.keys(LINUX_BY_MINOR);
  return `no kernel known for Talos version "${version}" (known: v${minors[0]} to v${minors.at(-1)}); pass kernelRelease`;
}

export function isTalosVersionError(err: unknown): err is TalosVersionError {
  return err instanceof TalosVersionError;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

export function parseTalosVersion(version: string): TalosVersion {
  const match = VERSION.exec(version.trim());
  if (match === null) throw new TalosVersionError(version, 'malformed');
  const [, major, minor, patch, prerelease] = match;
  const parts = {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch ?? '0'),
    prerelease: prerelease ?? '',
  };
  const tag = `v${parts.major}.${parts.minor}.${parts.patch}${parts.prerelease === '' ? '' : `-${parts.prerelease}`}`;
  return { ...parts, tag };
}

/** `uname -r` of the kernel a Talos version ships, e.g. `6.12.25-talos` for v1.10.x. */
export function talosKernelRelease(version: TalosVersion): string {
  const linux = LINUX_BY_MINOR[`${version.major}.${version.minor}`];
  if (linux === undefined) throw new TalosVersionError(version.tag, 'unknown-kernel');
  return `${linux}-talos`;
}

/** Talos merged /bin, /sbin and /lib into /usr in v1.10 (siderolabs/pkgs fhs: `lib -> usr/lib`, …). */
export function hasUsrMerge(version: TalosVersion): boolean {
  return version.major > 1 || (version.major === 1 && version.minor >= 10);
}
