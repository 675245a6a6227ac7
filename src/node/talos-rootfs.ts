// The base Talos root filesystem (what rootfs.sqsh holds, at the bottom of the root overlay) as a memfs volume:
// the skeleton that Talos's Dockerfile and the siderolabs/pkgs `fhs` package lay down, for a given Talos version.
//
// Layout facts (siderolabs/talos Dockerfile `rootfs-base-*`, siderolabs/pkgs fhs/pkg.yaml):
// - v1.10 merged /usr: `bin -> usr/bin`, `sbin -> usr/bin`, `lib -> usr/lib`, `lib64 -> usr/lib`, `usr/sbin -> bin`,
//   `usr/lib64 -> lib`, `var/run -> ../run`, `var/lock -> ../run/lock`; kernel modules and firmware live under
//   /usr/lib. Before v1.10 /bin, /sbin, /lib and /var/run were real directories, with /lib/modules and
//   /lib/firmware.
// - /etc/extensions.yaml is always an empty file (`touch`); the initramfs bind-mounts the real one over it.
// - /etc/os-release comes from pkg/machinery/version's template. From v1.10 the image carries the rendered file;
//   before, it was empty in the image and machined bind-mounted a rendered copy at boot. Either way a running node
//   shows the rendered file, so that is what this builder writes for every version.
// - /etc/iscsi/initiatorname.iscsi and /etc/nvme/{hostid,hostnqn}: empty files from v1.10.0-alpha.1 (commit
//   79987c05d), for machined's IQN and NQN controllers to bind-mount over. v1.14 dropped them with its /etc overlay;
//   the simulation's EtcFileController binds over placeholders in every release, so they stay here from v1.10 on.
// - /etc/cri/conf.d holds the release's 00-base.part and the empty files machined bind-mounts rendered copies over;
//   /usr/share/spdx the release's SBOM (v1.11 on; a model of six items, not the hundreds a real image lists).
// - machined is /sbin/init (/usr/bin/init from v1.10), hard-linked as poweroff and shutdown: extension services
//   bind-mount it (nut-client's /sbin/poweroff), so these three are here as empty executables.
// Other binaries and package contents are left out: this is the skeleton, not a Talos image.
import type { Volume } from 'memfs';
import { criBasePart } from '../../controllers/cri-base-part.js';
import { CONTROLLER_SINCE } from '../../controllers/machined-controllers.js';
import { talosBaseSpdxFiles } from '../../controllers/talos-base-sbom.js';
import { isTalosAtLeast } from '../../resources/talos-release.js';
import { DetailedError } from '../extensions/detailed-error.js';
import { resolveTalosVersion, type TalosVersionFacts } from '../extensions/index.js';
import { type TreeDirectory, TreeNode, volumeFromTree } from '../overlayfs-sim/index.js';

export interface TalosRootfsOptions {
  /** Talos version: `v1.10.3`, `1.10.3`, `v1.14.0-beta.1`, or a line (`v1.10`) for its newest known release. */
  readonly version: string;
  /** `uname -r` of the kernel (default: the version's kernel from the known-releases table). */
  readonly kernelRelease?: string;
  /** Content of modules.dep (default empty: the base image's own modules are not modelled). */
  readonly modulesDep?: string;
  /** Modification time of every inode, in ms since the epoch (default 0, as reproducible builds use). */
  readonly mtimeMs?: number;
}

export interface TalosRootfs {
  readonly volume: Volume;
  /** The version's facts (tag, kernel, paths) from the known-releases table. */
  readonly version: TalosVersionFacts;
  readonly kernelRelease: string;
  /** True from v1.10, when /bin, /sbin and /lib became symlinks into /usr. */
  readonly usrMerged: boolean;
  /** Where the kernel modules are in the image: `/usr/lib/modules/<kver>` (or `/lib/modules/<kver>` before v1.10). */
  readonly modulesDir: string;
  /** Where firmware is in the image: `/usr/lib/firmware` (or `/lib/firmware` before v1.10). */
  readonly firmwareDir: string;
}

/** /etc/os-release as Talos renders it (pkg/machinery constants.OSReleaseTemplate). */
export function talosOsRelease(tag: string): string {
  return [
    'NAME="Talos"',
    'ID=talos',
    `VERSION_ID=${tag}`,
    `PRETTY_NAME="Talos (${tag})"`,
    'HOME_URL="https://www.talos.dev/"',
    'BUG_REPORT_URL="https://github.com/siderolabs/talos/issues"',
    'VENDOR_NAME="Sidero Labs"',
    'VENDOR_URL="https://www.siderolabs.com/"',
    '',
  ].join('\n');
}

// hack/zoneinfo/Etc/UTC in the Talos repository: the 114-byte TZif file for UTC.
/** Files under /etc/cri/conf.d that the image carries empty, so rendered copies can be bind-mounted over them. */
const CRI_PLACEHOLDERS = ['cri.toml', '01-registries.part', '20-customization.part', 'base-spec.json'];

const UTC_TZIF = Buffer.from(
  'VFppZjIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAQAAAAAAABVVEMAVFppZjIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAQAAAAAAABVVEMAClVUQzAK',
  'base64',
);

export function buildTalosRootfs(options: TalosRootfsOptions): TalosRootfs {
  const version = resolveTalosVersion(options.version);
  const kernelRelease = options.kernelRelease ?? version.kernelRelease;
  if (kernelRelease === undefined) throw new TalosRootfsError(version.version);
  const usrMerged = version.usrMerge;
  const mtimeMs = options.mtimeMs ?? 0;
  const identityFiles = isTalosAtLeast(version.version, CONTROLLER_SINCE.iqnNqnControllers);
  const dir = (entries: TreeDirectory = {}, mode = 0o755) => TreeNode.directory(entries, { mode, mtimeMs });
  const file = (content: string | Uint8Array = '', mode = 0o644) => TreeNode.file(content, { mode, mtimeMs });
  const link = (target: string) => TreeNode.symlink(target, { mtimeMs });

  // The kernel's side of /lib: modules of this kernel release, and the firmware directory.
  const kernelLib = {
    modules: dir({ [kernelRelease]: dir({ 'modules.dep': file(options.modulesDep ?? '') }) }),
    firmware: dir(),
  };
  const etc = dir({
    'extensions.yaml': file(),
    'os-release': file(talosOsRelease(version.version)),
    hosts: file(),
    'resolv.conf': file(),
    'machine-id': file(),
    localtime: link('/usr/share/zoneinfo/Etc/UTC'),
    pki: link('/etc/ssl'),
    'ca-certificates': link('/etc/ssl'),
    ssl: dir({ certs: dir({ 'ca-certificates.crt': file(), 'ca-certificates': link('ca-certificates.crt') }) }),
    // machined's CRI config: the release's base part, and the files its controllers bind-mount rendered copies over
    cri: dir({
      'conf.d': dir({
        hosts: dir(),
        '00-base.part': file(criBasePart(version.version)),
        ...Object.fromEntries(CRI_PLACEHOLDERS.map((name) => [name, file()])),
      }),
    }),
    ...(identityFiles
      ? { iscsi: dir({ 'initiatorname.iscsi': file() }), nvme: dir({ hostid: file(), hostnqn: file() }) }
      : {}),
    kubernetes: dir({ manifests: dir() }),
    cni: dir({ 'net.d': dir() }),
    selinux: dir({ targeted: dir({ contexts: dir({ files: dir() }) }) }),
  });
  const spdx = Object.entries(talosBaseSpdxFiles({ version: version.version, kernelRelease }));
  const usrShare = dir({
    zoneinfo: dir({ Etc: dir({ UTC: file(UTC_TZIF) }) }),
    'ca-certificates': link('/etc/ssl'),
    // the release's own SBOM (v1.11 on), which SBOMItemController reads
    ...(spdx.length === 0 ? {} : { spdx: dir(Object.fromEntries(spdx.map(([name, text]) => [name, file(text)]))) }),
  });
  const usrLocal = dir({
    share: dir({ 'ca-certificates': link('/etc/ssl') }),
    lib: dir({ kubelet: dir({ credentialproviders: dir() }) }),
    ...(usrMerged ? {} : { bin: dir(), sbin: dir(), include: dir() }),
  });
  const common: TreeDirectory = {
    '.extra': dir(),
    boot: dir({ EFI: dir() }),
    dev: dir(),
    proc: dir(),
    sys: dir(),
    mnt: dir(),
    system: dir(),
    opt: dir({ containerd: dir({ bin: dir(), lib: dir() }) }),
    root: dir({}, 0o750),
    tmp: dir({}, 0o1777),
    etc,
  };
  const machined = () => dir({ init: file('', 0o755), poweroff: file('', 0o755), shutdown: file('', 0o755) });
  const layout: TreeDirectory = usrMerged
    ? {
        ...common,
        run: dir({ lock: dir() }),
        bin: link('usr/bin'),
        sbin: link('usr/bin'),
        lib: link('usr/lib'),
        lib64: link('usr/lib'),
        usr: dir({
          bin: machined(),
          lib: dir(kernelLib),
          lib64: link('lib'),
          sbin: link('bin'),
          include: dir(),
          src: dir(),
          var: dir(),
          etc: dir(),
          libexec: dir({ kubernetes: dir() }),
          local: usrLocal,
          share: usrShare,
        }),
        var: dir({
          log: dir(),
          mail: dir(),
          spool: dir(),
          tmp: dir({}, 0o1777),
          run: link('../run'),
          lock: link('../run/lock'),
        }),
      }
    : {
        ...common,
        run: dir(),
        bin: dir(),
        sbin: machined(),
        lib: dir(kernelLib),
        usr: dir({
          bin: dir(),
          sbin: dir(),
          lib: dir(),
          include: dir(),
          src: dir(),
          var: dir(),
          etc: dir(),
          libexec: dir({ kubernetes: dir() }),
          local: usrLocal,
          share: usrShare,
        }),
        var: dir({ log: dir(), run: dir(), mail: dir(), spool: dir(), tmp: dir({}, 0o1777) }),
      };
  const libDir = usrMerged ? '/usr/lib' : '/lib';
  return {
    volume: volumeFromTree(dir(layout)),
    version,
    kernelRelease,
    usrMerged,
    modulesDir: `${libDir}/modules/${kernelRelease}`,
    firmwareDir: `${libDir}/firmware`,
  };
}

/** A Talos line without a known kernel, and no kernelRelease given. */
export class TalosRootfsError extends DetailedError<{ readonly kind: 'unknown-kernel'; readonly version: string }> {
  readonly version: string;
  constructor(version: string) {
    super(
      'TalosRootfsError',
      { kind: 'unknown-kernel', version },
      `no kernel known for Talos version "${version}"; pass kernelRelease`,
    );
    this.version = version;
  }
}

export function isTalosRootfsError(err: unknown): err is TalosRootfsError {
  return err instanceof TalosRootfsError;
}
