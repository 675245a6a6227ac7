// tailscale (network/tailscale): tailscaled and containerboot as the ext-tailscale extension service, which from
// v1.7 waits for an ExtensionServiceConfig named `tailscale` (TS_AUTHKEY and friends in its environment). Until
// v1.12 the service ran on the host's libraries and /sbin; from v1.13 its container root carries an FHS skeleton
// with musl, libmnl, libnftnl and iptables.
import type { FileSpec } from '../image/image-description.js';
import { binary, blob, builtSince, type SeedContext } from './seed-context.js';
import type { SeedExtension } from './seed-extension.js';
import * as files from './seed-files-tailscale.js';
import { sbom } from './seed-spdx.js';

const ROOT = '/usr/local/lib/containers/tailscale';

function containerRoot(ctx: SeedContext): Record<string, FileSpec> {
  const out: Record<string, FileSpec> = {};
  for (const name of ['tailscale', 'tailscaled', 'containerboot']) {
    out[`${ROOT}/usr/local/bin/${name}`] = binary(ctx, name);
  }
  if (builtSince(ctx, 'v1.13.0-alpha.2')) {
    for (const lib of ['libc.so', 'libmnl.so.0', 'libnftnl.so.11']) out[`${ROOT}/usr/lib/${lib}`] = blob(ctx, lib);
  }
  // the iptables image is copied whole (not only its libraries) from v1.13.1
  if (builtSince(ctx, 'v1.13.1')) {
    out[`${ROOT}/usr/sbin/xtables-nft-multi`] = binary(ctx, 'xtables-nft-multi');
    out[`${ROOT}/usr/sbin/iptables`] = { kind: 'symlink', target: 'xtables-nft-multi' };
  }
  return out;
}

export const TAILSCALE: SeedExtension = {
  name: 'tailscale',
  manifest: {
    name: 'tailscale',
    tier: 'extra',
    author: 'Beau Trepp',
    description: [
      "Tailscale connects your team's devices and development environments for easy access to remote resources.",
    ],
    constraint: '>= v1.5.0',
  },
  rootfs: (ctx) => ({
    ...containerRoot(ctx),
    // v1.9.6 took the CA certificates mount; the v1.10 line got it in v1.10.0-beta.1
    '/usr/local/etc/containers/tailscale.yaml': builtSince(ctx, 'v1.13.0-alpha.2')
      ? files.TAILSCALE_YAML
      : builtSince(ctx, 'v1.9.6')
        ? files.TAILSCALE_YAML_V1_9
        : builtSince(ctx, 'v1.7.0-alpha.1')
          ? files.TAILSCALE_YAML_V1_7
          : files.TAILSCALE_YAML_V1_5,
    // TAILSCALE_VERSION is the image tag; tailscale's sbom step came one pre-release before the others'
    ...sbom(
      ctx,
      [
        {
          file: 'tailscale',
          pkg: 'tailscale',
          version: ctx.tag,
          cpes: [`cpe:2.3:a:tailscale:tailscale:${ctx.tag}:*:*:*:*:*:*:*`],
          licenses: ['BSD-3-Clause'],
        },
      ],
      'v1.11.0-beta.0',
    ),
  }),
};
