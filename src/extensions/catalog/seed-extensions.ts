// The real extensions the default catalog carries (spec extension-catalog §2, §3, §8): their manifests as
// siderolabs/extensions renders them, release by release, and representative rootfs paths. Configuration files are
// the real ones (seed-files.ts, seed-files-earlier.ts); binaries, kernel modules and firmware are small placeholders
// naming what they stand for (seed-context.ts). Boundaries are the first release tag of siderolabs/extensions that
// differs; rootfs layouts follow each tag's pkg.yaml.
import { binary, blob, builtSince, firmware, modules } from './seed-context.js';
import type { SeedExtension } from './seed-extension.js';
import * as files from './seed-files.js';
import * as earlier from './seed-files-earlier.js';

const THUNDERBOLT_FIRST_LINE =
  'This system extension provides Thunderbolt/USB4 drivers kernel modules built against a specific Talos version.';
const ZFS_MODULE_ONLY = [
  'This system extension provides kernel module driver for ZFS built against a specific Talos version.',
];

export const SEED_EXTENSIONS: readonly SeedExtension[] = [
  {
    name: 'amd-ucode',
    manifest: {
      name: 'amd-ucode',
      tier: 'core',
      author: 'Sidero Labs',
      description: ['This system extension provides AMD microcode binaries.'],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) =>
      firmware(ctx, 'amd-ucode', ['microcode_amd.bin', 'microcode_amd_fam17h.bin', 'microcode_amd_fam19h.bin']),
  },
  {
    name: 'drbd',
    manifest: {
      name: 'drbd',
      tier: 'extra',
      author: 'Alexander Prentki',
      description: [
        'This system extension provides kernel module driver for DRBD built against a specific Talos version.',
      ],
      constraint: '>= v1.2.0',
    },
    rootfs: (ctx) => modules(ctx, ['extras/drbd.ko', 'extras/drbd_transport_tcp.ko']),
  },
  {
    name: 'gasket-driver',
    manifest: {
      name: 'gasket-driver',
      tier: 'extra',
      author: 'Sidero Labs',
      description: [
        'This system extension provides google gasket driver kernel modules built against a specific Talos version.',
        'This driver is required for PCIe and M.2 Google Coral accelerators. There are 2 kernel modules ("gasket"',
        'and "apex") required to enable this driver.',
      ],
      constraint: '>= v1.2.0',
    },
    // the name Image Factory's `siderolabs/gasket` alias remembers
    earlier: [{ before: 'v1.7.0', differs: { name: 'gasket' } }],
    rootfs: (ctx) => modules(ctx, ['extras/gasket.ko', 'extras/apex.ko']),
  },
  {
    name: 'gvisor-debug',
    manifest: {
      name: 'gvisor-debug',
      tier: 'extra',
      author: 'Sidero Labs',
      description: ['This system extension enables gVisor debug logging.'],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) => ({
      [`/etc/cri/conf.d/${builtSince(ctx, 'v1.9.0') ? '11-' : ''}gvisor-debug.part`]: files.GVISOR_DEBUG_PART,
      '/etc/cri/conf.d/runsc.toml': files.GVISOR_DEBUG_RUNSC_TOML,
    }),
  },
  {
    name: 'gvisor',
    manifest: {
      name: 'gvisor',
      tier: 'core',
      author: 'Sidero Labs',
      description: ["This system extension provides gVisor using containerd's runtime handler."],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) => {
      const part = builtSince(ctx, 'v1.9.0') ? '/etc/cri/conf.d/10-' : '/etc/cri/conf.d/';
      const kvm = builtSince(ctx, 'v1.8.0');
      return {
        '/usr/local/bin/runsc': binary(ctx, 'runsc'),
        '/usr/local/bin/containerd-shim-runsc-v1': binary(ctx, 'containerd-shim-runsc-v1'),
        [`${part}gvisor.part`]: kvm ? files.GVISOR_PART : earlier.GVISOR_PART_V1_0,
        '/etc/cri/conf.d/runsc.toml': builtSince(ctx, 'v1.4.0') ? files.RUNSC_TOML : earlier.RUNSC_TOML_V1_0,
        ...(kvm
          ? {
              [`${part}gvisor-kvm.part`]: files.GVISOR_KVM_PART,
              '/etc/cri/conf.d/runsc-kvm.toml': files.RUNSC_KVM_TOML,
            }
          : {}),
      };
    },
  },
  {
    name: 'hello-world-service',
    manifest: {
      name: 'hello-world-service',
      tier: 'core',
      author: 'Sidero Labs',
      description: ['This system extension provides an example Talos extension service.'],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) => ({
      '/usr/local/lib/containers/hello-world/hello-world': binary(ctx, 'hello-world'),
      '/usr/local/etc/containers/hello-world.yaml': files.HELLO_WORLD_YAML,
    }),
  },
  {
    // i915-ucode's successor from v1.9, with the kernel module
    name: 'i915',
    manifest: {
      name: 'i915',
      tier: 'core',
      author: 'Sidero Labs',
      description: ['This system extension provides Intel GPU microcode binaries and kernel modules.'],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) => ({
      ...modules(ctx, ['kernel/drivers/gpu/drm/i915/i915.ko']),
      ...firmware(ctx, 'i915', ['adlp_dmc.bin', 'tgl_guc_70.bin']),
    }),
  },
  {
    name: 'i915-ucode',
    manifest: {
      name: 'i915-ucode',
      author: 'Sidero Labs',
      description: ['This system extension provides Intel GPU microcode binaries.'],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) => firmware(ctx, 'i915', ['adlp_dmc.bin', 'tgl_guc_70.bin']),
  },
  {
    name: 'intel-ucode',
    manifest: {
      name: 'intel-ucode',
      tier: 'core',
      author: 'Sidero Labs',
      description: ['This system extension provides Intel microcode binaries.'],
      constraint: '>= v1.0.0',
    },
    rootfs: (ctx) => firmware(ctx, 'intel-ucode', ['06-8f-08', '06-97-02', '06-ba-03']),
  },
  {
    name: 'mdadm',
    manifest: {
      name: 'mdadm',
      tier: 'deprecated',
      author: 'Serge Logvinov',
      description: ['This system extension is no-op, for backward compatibility.'],
      constraint: '>= v1.5.0',
    },
    earlier: [
      {
        before: 'v1.14.0-beta.0',
        differs: { tier: 'contrib', description: ['This system extension provides mdadm binary.'] },
      },
    ],
    // mdadm moved into Talos itself; the no-op package keeps only its directory
    rootfs: (ctx) =>
      builtSince(ctx, 'v1.14.0-beta.0')
        ? { '/usr/local/sbin': { kind: 'directory' } }
        : { '/usr/local/sbin/mdadm': binary(ctx, 'mdadm') },
  },
  {
    name: 'qemu-guest-agent',
    manifest: {
      name: 'qemu-guest-agent',
      tier: 'extra',
      author: 'Markus Reiter',
      description: ['This system extension provides the QEMU Guest Agent service.'],
      constraint: '>= v1.5.0',
    },
    rootfs: (ctx) => ({
      '/usr/local/lib/containers/qemu-guest-agent/qemu-ga': binary(ctx, 'qemu-ga'),
      '/usr/local/etc/containers/qemu-guest-agent.yaml': builtSince(ctx, 'v1.13.0')
        ? files.QEMU_GUEST_AGENT_YAML
        : builtSince(ctx, 'v1.6.0')
          ? files.QEMU_GUEST_AGENT_YAML_V1_11
          : earlier.QEMU_GUEST_AGENT_YAML_V1_5,
    }),
  },
  {
    name: 'thunderbolt',
    manifest: {
      name: 'thunderbolt',
      tier: 'extra',
      author: 'Igor Rzegocki',
      description: [
        THUNDERBOLT_FIRST_LINE,
        'It enables support for Thunderbolt/USB4 devices, including those used for networking.',
        'WARNING: This extension automatically authorizes all Thunderbolt devices during system boot, which poses potential security risks. Use at your own discretion.',
      ],
      constraint: '>= v1.5.0',
    },
    earlier: [
      {
        before: 'v1.11.0',
        differs: {
          description: [THUNDERBOLT_FIRST_LINE, 'This driver enables Thunderbolt/USB4 devices, including networking.'],
        },
      },
      {
        before: 'v1.9.0',
        // sic
        differs: {
          description: [THUNDERBOLT_FIRST_LINE, 'This driver enables Thunderbolg/USB4 devices, including networking.'],
        },
      },
    ],
    rootfs: (ctx) => ({
      ...modules(
        ctx,
        ['kernel/drivers/thunderbolt/thunderbolt.ko', 'kernel/drivers/net/thunderbolt/thunderbolt_net.ko'],
        ['modules.dep', 'modules.alias', 'modules.symbols'],
      ),
      // the udev rule (and the WARNING about it) came with v1.11
      ...(builtSince(ctx, 'v1.11.0')
        ? {
            '/usr/lib/udev/rules.d/99-thunderbolt.rules': builtSince(ctx, 'v1.12.0')
              ? files.THUNDERBOLT_RULES
              : files.THUNDERBOLT_RULES_V1_11,
          }
        : {}),
    }),
  },
  {
    // until v1.11 the image is talos-vmtoolsd's own, manifest included (siderolabs/talos-vmtoolsd `manifest.yaml`,
    // whose version stayed "v0.5.0" whatever the image tag)
    name: 'vmtoolsd-guest-agent',
    manifest: {
      name: 'vmtoolsd-guest-agent',
      tier: 'extra',
      author: 'Equinix and Siderolabs',
      description: ['This system extension provides talos-vmtoolsd'],
      constraint: '>= v1.4.0',
    },
    earlier: [
      { before: 'v1.11.0', differs: { author: 'Brandon Nason', version: 'v0.5.0' } },
      { before: 'v1.8.0', differs: { name: 'talos-vmtoolsd' } },
    ],
    rootfs: (ctx) => ({
      '/usr/local/lib/containers/talos-vmtoolsd/talos-vmtoolsd': binary(ctx, 'talos-vmtoolsd'),
      '/usr/local/etc/containers/talos-vmtoolsd.yaml': builtSince(ctx, 'v1.9.0')
        ? files.TALOS_VMTOOLSD_YAML
        : earlier.TALOS_VMTOOLSD_YAML_V0_5,
    }),
  },
  {
    name: 'zfs',
    manifest: {
      name: 'zfs',
      tier: 'extra',
      author: 'Aenix, Enix',
      description: [
        'This system extension provides the ZFS kernel module, the ZFS utilities, and a service to import all ZFS pools on start and unmount all pools on stop.',
      ],
      constraint: '>= v1.6.0',
    },
    earlier: [
      { before: 'v1.10.0', differs: { author: 'Andrei Kvapil, Aenix' } },
      { before: 'v1.9.0', differs: { author: 'Andrei Kvapil, Enix', description: ZFS_MODULE_ONLY } },
      { before: 'v1.6.0', differs: { author: 'Andrei Kvapil', constraint: '>= v1.5.0' } },
    ],
    // v1.5: the modules only; v1.6–v1.8: the utilities and a `zpool import` service; v1.9 on: zfs-service
    rootfs: (ctx) => ({
      ...modules(ctx, ['extras/zfs.ko', 'extras/spl.ko']),
      ...(builtSince(ctx, 'v1.6.0')
        ? {
            '/usr/local/sbin/zpool': binary(ctx, 'zpool'),
            '/usr/local/sbin/zfs': binary(ctx, 'zfs'),
            '/usr/local/lib/libzfs.so.6': blob(ctx, 'libzfs.so.6'),
          }
        : {}),
      ...(builtSince(ctx, 'v1.9.0')
        ? {
            '/usr/local/lib/containers/zfs-service/zfs-service': binary(ctx, 'zfs-service'),
            '/usr/local/etc/containers/zfs-service.yaml': files.ZFS_SERVICE_YAML,
          }
        : builtSince(ctx, 'v1.6.0')
          ? {
              '/usr/local/lib/containers/zpool-importer': { kind: 'directory' },
              '/usr/local/etc/containers/zpool-importer.yaml': builtSince(ctx, 'v1.8.0')
                ? earlier.ZPOOL_IMPORTER_YAML
                : earlier.ZPOOL_IMPORTER_YAML_V1_6,
            }
          : {}),
    }),
  },
];
