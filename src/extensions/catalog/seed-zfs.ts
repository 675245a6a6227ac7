// zfs (storage/zfs): the OpenZFS kernel modules built against one Talos kernel, from v1.6 with the ZFS utilities and
// a service importing the pools (zpool-importer, then zfs-service from v1.9).
import { binary, blob, builtSince, modules } from './seed-context.js';
import type { SeedExtension } from './seed-extension.js';
import * as files from './seed-files.js';
import * as earlier from './seed-files-earlier.js';

const ZFS_MODULE_ONLY = [
  'This system extension provides kernel module driver for ZFS built against a specific Talos version.',
];

export const ZFS: SeedExtension = {
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
};
