// iscsi-tools (storage/iscsi-tools): open-iscsi on the host under /usr/local, and the iscsid extension service whose
// container root is empty because it bind-mounts the host's libraries and binaries. Until v1.9 it also carried the
// tgt target daemon (ext-tgtd) and a Go wrapper generating the initiator name; from v1.10 Talos writes
// /etc/iscsi/initiatorname.iscsi itself and iscsid waits for it.
import type { FileSpec } from '../image/image-description.js';
import { parseTalosVersion } from '../talos-version.js';
import { binary, blob, builtSince, type SeedContext } from './seed-context.js';
import type { SeedExtension } from './seed-extension.js';
import * as files from './seed-files-iscsi-tools.js';
import { sbom } from './seed-spdx.js';

const OPEN_ISCSI_CPE = (v: string) => `cpe:2.3:a:open-iscsi_project:open-iscsi:${v}:*:*:*:*:*:*:*`;

/**
 * OPEN_ISCSI_VERSION (storage/iscsi-tools vars.yaml): 2.1.12 reached the v1.13 branch in v1.13.8, main in
 * v1.14.0-beta.0.
 */
function openIscsiVersion(talos: string): string {
  const v = parseTalosVersion(talos);
  const newer = (v.major === 1 && v.minor === 13 && v.compare('1.13.8') >= 0) || v.compare('1.14.0-beta.0') >= 0;
  return newer ? '2.1.12' : '2.1.11';
}

/** What the open-iscsi (and, until v1.9, open-isns, tgt and iscsid-wrapper) stages leave in the image. */
function hostTools(ctx: SeedContext): Record<string, FileSpec> {
  const out: Record<string, FileSpec> = {};
  for (const name of ['iscsid', 'iscsiadm', 'iscsistart', 'iscsi-iname']) {
    out[`/usr/local/sbin/${name}`] = binary(ctx, name);
  }
  out['/usr/local/lib/libopeniscsiusr.so.0.2.0'] = blob(ctx, 'libopeniscsiusr.so.0.2.0');
  // meson builds (v1.6 on) install open-iscsi's firmware-login rule where -Drulesdir says
  if (builtSince(ctx, 'v1.6.0-alpha.2')) {
    const rules = builtSince(ctx, 'v1.9.0-alpha.1') ? '/usr/lib/udev/rules.d' : '/usr/local/etc/udev/rules.d';
    out[`${rules}/50-iscsi-firmware-login.rules`] = files.ISCSI_FIRMWARE_LOGIN_RULES;
  }
  if (builtSince(ctx, 'v1.10.0-alpha.1')) return out;
  for (const name of ['iscsid-wrapper', 'tgtd', 'tgtadm']) out[`/usr/local/sbin/${name}`] = binary(ctx, name);
  out['/usr/local/lib/libisns.so.0'] = blob(ctx, 'libisns.so.0');
  // open-iscsi's own iscsid.conf, which iscsid.yaml mounts over /etc/iscsi/iscsid.conf
  out['/usr/local/etc/iscsi/iscsid.conf'] = blob(ctx, 'iscsid.conf');
  out['/usr/local/etc/passwd'] = files.ISCSI_PASSWD;
  return out;
}

/** The SBOMs: the iscsi-tools step's and its open-iscsi stage's until v1.12; one step, named open-iscsi, from v1.13. */
function iscsiSbom(ctx: SeedContext): Record<string, FileSpec> {
  const version = openIscsiVersion(ctx.talos);
  const step = { version, cpes: [OPEN_ISCSI_CPE(version)], licenses: ['GPL-2.0'] };
  return builtSince(ctx, 'v1.13.0-alpha.2')
    ? sbom(ctx, [{ file: 'open-iscsi', pkg: 'iscsi-tools', ...step }])
    : sbom(ctx, [
        { file: 'iscsi-tools', pkg: 'iscsi-tools', ...step },
        { file: 'open-iscsi', pkg: 'open-iscsi', ...step },
      ]);
}

export const ISCSI_TOOLS: SeedExtension = {
  name: 'iscsi-tools',
  manifest: {
    name: 'iscsi-tools',
    tier: 'core',
    author: 'Sidero Labs',
    description: ['This system extension provides iscsi-tools.'],
    constraint: '>= v1.1.0',
  },
  rootfs: (ctx) => {
    const tgtd = !builtSince(ctx, 'v1.10.0-alpha.1');
    return {
      ...hostTools(ctx),
      '/usr/local/lib/containers/iscsid': { kind: 'directory' },
      '/usr/local/etc/containers/iscsid.yaml': builtSince(ctx, 'v1.10.0-alpha.1')
        ? files.ISCSID_YAML
        : builtSince(ctx, 'v1.6.0-alpha.2')
          ? files.ISCSID_YAML_V1_6
          : files.ISCSID_YAML_V1_2,
      ...(tgtd
        ? {
            '/usr/local/lib/containers/tgtd': { kind: 'directory' },
            '/usr/local/etc/containers/tgtd.yaml': builtSince(ctx, 'v1.8.0-alpha.1')
              ? files.TGTD_YAML_V1_8
              : files.TGTD_YAML_V1_2,
          }
        : {}),
      ...iscsiSbom(ctx),
    };
  },
};
