// util-linux-tools (tools/util-linux): util-linux built with every program off but the ones named, installed under
// /usr/local with its libraries deleted afterwards. No service, no SBOM.
import { binary, builtSince } from './seed-context.js';
import type { SeedExtension } from './seed-extension.js';

export const UTIL_LINUX_TOOLS: SeedExtension = {
  name: 'util-linux-tools',
  manifest: {
    name: 'util-linux-tools',
    tier: 'contrib',
    author: 'Sidero Labs',
    description: ['This system extension provides a minimal util-linux package.'],
    constraint: '>= v1.0.0',
  },
  // configure: --enable-fstrim from the start, --enable-nsenter from v1.7.3 (v1.8.0-alpha.1 on main),
  // --enable-blkid from v1.12.0-beta.1
  rootfs: (ctx) => ({
    '/usr/local/sbin/fstrim': binary(ctx, 'fstrim'),
    ...(builtSince(ctx, 'v1.7.3') ? { '/usr/local/bin/nsenter': binary(ctx, 'nsenter') } : {}),
    ...(builtSince(ctx, 'v1.12.0-beta.1') ? { '/usr/local/sbin/blkid': binary(ctx, 'blkid') } : {}),
  }),
};
