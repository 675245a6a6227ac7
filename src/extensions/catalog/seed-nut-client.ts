// nut-client (power/nut-client): NUT's upsmon as the ext-nut-client extension service, which from v1.7 waits for an
// ExtensionServiceConfig named `nut-client` carrying /usr/local/etc/nut/upsmon.conf. Until v1.12 upsmon ran from a
// bare container root on the host's shared libraries; from v1.13 NUT is installed with that root as its prefix, on
// an FHS skeleton with musl and OpenSSL copied in.
import type { FileSpec } from '../image/image-description.js';
import { binary, blob, builtSince, type SeedContext } from './seed-context.js';
import type { SeedExtension } from './seed-extension.js';
import * as files from './seed-files-nut-client.js';
import { sbom } from './seed-spdx.js';

const ROOT = '/usr/local/lib/containers/nut-client';

function containerRoot(ctx: SeedContext): Record<string, FileSpec> {
  if (builtSince(ctx, 'v1.13.0-alpha.2')) {
    // `install -m 600 /pkg/files/*`
    return {
      [`${ROOT}/sbin/upsmon`]: binary(ctx, 'upsmon'),
      [`${ROOT}/lib/libupsclient.so.6`]: blob(ctx, 'libupsclient.so.6'),
      [`${ROOT}/etc/passwd`]: { kind: 'file', content: files.NUT_PASSWD, mode: 0o600 },
      [`${ROOT}/etc/group`]: { kind: 'file', content: files.NUT_GROUP, mode: 0o600 },
      [`${ROOT}/usr/lib/libc.so`]: blob(ctx, 'libc.so (musl)'),
      [`${ROOT}/usr/lib/libssl.so.3`]: blob(ctx, 'libssl.so.3'),
      [`${ROOT}/usr/lib/libcrypto.so.3`]: blob(ctx, 'libcrypto.so.3'),
    };
  }
  return {
    [`${ROOT}/upsmon`]: binary(ctx, 'upsmon'),
    [`${ROOT}/usr/local/lib/libupsclient.so.6`]: blob(ctx, 'libupsclient.so.6'),
    [`${ROOT}/etc/passwd`]: files.NUT_PASSWD,
    [`${ROOT}/etc/group`]: files.NUT_GROUP,
    // until the service bind-mounted /sbin/init as /sbin/poweroff, the image linked poweroff to the mounted init
    [`${ROOT}/sbin`]: { kind: 'directory' },
    ...(builtSince(ctx, 'v1.5.0-alpha.2') ? {} : { [`${ROOT}/sbin/poweroff`]: { kind: 'symlink', target: './init' } }),
  };
}

export const NUT_CLIENT: SeedExtension = {
  name: 'nut-client',
  manifest: {
    name: 'nut-client',
    tier: 'contrib',
    author: 'Sidero Labs',
    description: ['This system extension provides the network-ups-tools upsmon service.'],
    constraint: '>= v1.5.0',
  },
  earlier: [{ before: 'v1.5.0-alpha.2', differs: { constraint: '>= v1.2.0' } }],
  rootfs: (ctx) => ({
    ...containerRoot(ctx),
    '/usr/local/etc/containers/nut-client.yaml': builtSince(ctx, 'v1.13.0-alpha.2')
      ? files.NUT_CLIENT_YAML
      : builtSince(ctx, 'v1.7.0-alpha.1')
        ? files.NUT_CLIENT_YAML_V1_7
        : builtSince(ctx, 'v1.5.0-alpha.2')
          ? files.NUT_CLIENT_YAML_V1_5
          : files.NUT_CLIENT_YAML_V1_2,
    // NUT_VERSION, the image tag since v1.7
    ...sbom(ctx, [{ file: 'nut-client', pkg: 'nut-client', version: ctx.tag, licenses: ['GPL-2.0', 'GPL-3.0'] }]),
  }),
};
