// The real extensions the default catalog carries (spec extension-catalog §2, §3, §8): their manifests as
// siderolabs/extensions renders them, and representative rootfs paths. Configuration files are the real ones
// (seed-files.ts); binaries, kernel modules and firmware are small placeholders naming what they stand for.
import type { FileSpec } from '../image/image-description.js';
import * as files from './seed-files.js';

/** What a rootfs recipe knows about the image being built. */
export interface SeedContext {
  /** The extension's image reference (`ghcr.io/siderolabs/zfs:2.4.2-v1.14.0-alpha.1`). */
  readonly reference: string;
  /** Talos release tag the image was built for (`v1.14.0-alpha.1`). */
  readonly talos: string;
  /** Kernel module directory of that release (`/usr/lib/modules/6.18.33-talos`). */
  readonly modules: string;
}

export interface SeedExtension {
  readonly name: string;
  readonly tier: 'core' | 'extra' | 'contrib';
  readonly author: string;
  /** The description after the `[tier] ` tag, one string per line. */
  readonly description: readonly string[];
  readonly constraint: string;
  rootfs(ctx: SeedContext): Record<string, FileSpec>;
}

function binary(ctx: SeedContext, path: string): FileSpec {
  return {
    kind: 'file',
    mode: 0o755,
    content: `talos-sim placeholder for ${path} from ${ctx.reference}, built for Talos ${ctx.talos}\n`,
  };
}

function blob(ctx: SeedContext, path: string): FileSpec {
  return `talos-sim placeholder for ${path} from ${ctx.reference}, built for Talos ${ctx.talos}\n`;
}

/** The files every module extension copies first (`modules.txt` starts with them), plus its modules. */
function modules(ctx: SeedContext, paths: readonly string[], extra: readonly string[] = []): Record<string, FileSpec> {
  const out: Record<string, FileSpec> = {};
  for (const f of ['modules.order', 'modules.builtin', 'modules.builtin.modinfo', ...extra]) {
    out[`${ctx.modules}/${f}`] = blob(ctx, `${ctx.modules}/${f}`);
  }
  for (const p of paths) out[`${ctx.modules}/${p}`] = blob(ctx, `${ctx.modules}/${p}`);
  return out;
}

const v111 = (ctx: SeedContext) => ctx.talos === 'v1.11.2';

export const SEED_EXTENSIONS: readonly SeedExtension[] = [
  {
    name: 'amd-ucode',
    tier: 'core',
    author: 'Sidero Labs',
    description: ['This system extension provides AMD microcode binaries.'],
    constraint: '>= v1.0.0',
    rootfs: (ctx) =>
      Object.fromEntries(
        ['microcode_amd.bin', 'microcode_amd_fam17h.bin', 'microcode_amd_fam19h.bin'].map((f) => [
          `/usr/lib/firmware/amd-ucode/${f}`,
          blob(ctx, f),
        ]),
      ),
  },
  {
    name: 'drbd',
    tier: 'extra',
    author: 'Alexander Prentki',
    description: [
      'This system extension provides kernel module driver for DRBD built against a specific Talos version.',
    ],
    constraint: '>= v1.2.0',
    rootfs: (ctx) => modules(ctx, ['extras/drbd.ko', 'extras/drbd_transport_tcp.ko']),
  },
  {
    name: 'gasket-driver',
    tier: 'extra',
    author: 'Sidero Labs',
    description: [
      'This system extension provides google gasket driver kernel modules built against a specific Talos version.',
      'This driver is required for PCIe and M.2 Google Coral accelerators. There are 2 kernel modules ("gasket"',
      'and "apex") required to enable this driver.',
    ],
    constraint: '>= v1.2.0',
    rootfs: (ctx) => modules(ctx, ['extras/gasket.ko', 'extras/apex.ko']),
  },
  {
    name: 'gvisor-debug',
    tier: 'extra',
    author: 'Sidero Labs',
    description: ['This system extension enables gVisor debug logging.'],
    constraint: '>= v1.0.0',
    rootfs: () => ({
      '/etc/cri/conf.d/11-gvisor-debug.part': files.GVISOR_DEBUG_PART,
      '/etc/cri/conf.d/runsc.toml': files.GVISOR_DEBUG_RUNSC_TOML,
    }),
  },
  {
    name: 'gvisor',
    tier: 'core',
    author: 'Sidero Labs',
    description: ["This system extension provides gVisor using containerd's runtime handler."],
    constraint: '>= v1.0.0',
    rootfs: (ctx) => ({
      '/usr/local/bin/runsc': binary(ctx, 'runsc'),
      '/usr/local/bin/containerd-shim-runsc-v1': binary(ctx, 'containerd-shim-runsc-v1'),
      '/etc/cri/conf.d/10-gvisor.part': files.GVISOR_PART,
      '/etc/cri/conf.d/10-gvisor-kvm.part': files.GVISOR_KVM_PART,
      '/etc/cri/conf.d/runsc.toml': files.RUNSC_TOML,
      '/etc/cri/conf.d/runsc-kvm.toml': files.RUNSC_KVM_TOML,
    }),
  },
  {
    name: 'hello-world-service',
    tier: 'core',
    author: 'Sidero Labs',
    description: ['This system extension provides an example Talos extension service.'],
    constraint: '>= v1.0.0',
    rootfs: (ctx) => ({
      '/usr/local/lib/containers/hello-world/hello-world': binary(ctx, 'hello-world'),
      '/usr/local/etc/containers/hello-world.yaml': files.HELLO_WORLD_YAML,
    }),
  },
  {
    name: 'i915',
    tier: 'core',
    author: 'Sidero Labs',
    description: ['This system extension provides Intel GPU microcode binaries and kernel modules.'],
    constraint: '>= v1.0.0',
    rootfs: (ctx) => ({
      ...modules(ctx, ['kernel/drivers/gpu/drm/i915/i915.ko']),
      '/usr/lib/firmware/i915/adlp_dmc.bin': blob(ctx, 'adlp_dmc.bin'),
      '/usr/lib/firmware/i915/tgl_guc_70.bin': blob(ctx, 'tgl_guc_70.bin'),
    }),
  },
  {
    name: 'intel-ucode',
    tier: 'core',
    author: 'Sidero Labs',
    description: ['This system extension provides Intel microcode binaries.'],
    constraint: '>= v1.0.0',
    rootfs: (ctx) =>
      Object.fromEntries(
        ['06-8f-08', '06-97-02', '06-ba-03'].map((f) => [`/usr/lib/firmware/intel-ucode/${f}`, blob(ctx, f)]),
      ),
  },
  {
    name: 'mdadm',
    tier: 'contrib',
    author: 'Serge Logvinov',
    description: ['This system extension provides mdadm binary.'],
    constraint: '>= v1.5.0',
    rootfs: (ctx) => ({ '/usr/local/sbin/mdadm': binary(ctx, 'mdadm') }),
  },
  {
    name: 'qemu-guest-agent',
    tier: 'extra',
    author: 'Markus Reiter',
    description: ['This system extension provides the QEMU Guest Agent service.'],
    constraint: '>= v1.5.0',
    rootfs: (ctx) => ({
      '/usr/local/lib/containers/qemu-guest-agent/qemu-ga': binary(ctx, 'qemu-ga'),
      '/usr/local/etc/containers/qemu-guest-agent.yaml': v111(ctx)
        ? files.QEMU_GUEST_AGENT_YAML_V1_11
        : files.QEMU_GUEST_AGENT_YAML,
    }),
  },
  {
    name: 'thunderbolt',
    tier: 'extra',
    author: 'Igor Rzegocki',
    description: [
      'This system extension provides Thunderbolt/USB4 drivers kernel modules built against a specific Talos version.',
      'It enables support for Thunderbolt/USB4 devices, including those used for networking.',
      'WARNING: This extension automatically authorizes all Thunderbolt devices during system boot, which poses potential security risks. Use at your own discretion.',
    ],
    constraint: '>= v1.5.0',
    rootfs: (ctx) => ({
      ...modules(
        ctx,
        ['kernel/drivers/thunderbolt/thunderbolt.ko', 'kernel/drivers/net/thunderbolt/thunderbolt_net.ko'],
        ['modules.dep', 'modules.alias', 'modules.symbols'],
      ),
      '/usr/lib/udev/rules.d/99-thunderbolt.rules': v111(ctx) ? files.THUNDERBOLT_RULES_V1_11 : files.THUNDERBOLT_RULES,
    }),
  },
  {
    name: 'vmtoolsd-guest-agent',
    tier: 'extra',
    author: 'Equinix and Siderolabs',
    description: ['This system extension provides talos-vmtoolsd'],
    constraint: '>= v1.4.0',
    rootfs: (ctx) => ({
      '/usr/local/lib/containers/talos-vmtoolsd/talos-vmtoolsd': binary(ctx, 'talos-vmtoolsd'),
      '/usr/local/etc/containers/talos-vmtoolsd.yaml': files.TALOS_VMTOOLSD_YAML,
    }),
  },
  {
    name: 'zfs',
    tier: 'extra',
    author: 'Aenix, Enix',
    description: [
      'This system extension provides the ZFS kernel module, the ZFS utilities, and a service to import all ZFS pools on start and unmount all pools on stop.',
    ],
    constraint: '>= v1.6.0',
    rootfs: (ctx) => ({
      ...modules(ctx, ['extras/zfs.ko', 'extras/spl.ko']),
      '/usr/local/sbin/zpool': binary(ctx, 'zpool'),
      '/usr/local/sbin/zfs': binary(ctx, 'zfs'),
      '/usr/local/lib/libzfs.so.6': blob(ctx, 'libzfs.so.6'),
      '/usr/local/lib/containers/zfs-service/zfs-service': binary(ctx, 'zfs-service'),
      '/usr/local/etc/containers/zfs-service.yaml': files.ZFS_SERVICE_YAML,
    }),
  },
];
