// The configuration files iscsi-tools, nut-client and tailscale ship, byte for byte as at each release's tag
// (checked by git blob id against siderolabs/extensions), and the rootfs layout of each era of the four extensions.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDefaultCatalog } from '../../../src/extensions/index.js';
import { NAMES, officialImage, releasesWith } from './storage-network-seed.js';

const catalog = createDefaultCatalog();
const decoder = new TextDecoder();
const image = (name: string, talos: string) => officialImage(catalog, name, talos);

/** `git rev-parse <tag>:<path>` in siderolabs/extensions for the files these images copy verbatim. */
const UPSTREAM_BLOBS: readonly (readonly [name: string, path: string, blob: string, releases: readonly string[]])[] = [
  // storage/iscsi-tools/iscsid.yaml
  [
    'iscsi-tools',
    '/usr/local/etc/containers/iscsid.yaml',
    '4c53e6eec7a1bcc2f504114e0055f60bc835f273',
    ['v1.1.2', 'v1.2.9', 'v1.3.7', 'v1.4.8', 'v1.5.6'],
  ],
  [
    'iscsi-tools',
    '/usr/local/etc/containers/iscsid.yaml',
    'e61a7cbf5e4cffef8bcedbb5e82b678d10917696',
    ['v1.6.8', 'v1.7.7', 'v1.8.4', 'v1.9.6'],
  ],
  [
    'iscsi-tools',
    '/usr/local/etc/containers/iscsid.yaml',
    '1cbf4af8dbe9059c2b39ca4c5da87c29cf6caa1b',
    ['v1.10.9', 'v1.11.2', 'v1.11.6', 'v1.12.11', 'v1.13.9', 'v1.14.0-alpha.1', 'v1.14.0-rc.1'],
  ],
  // storage/iscsi-tools/tgtd.yaml
  [
    'iscsi-tools',
    '/usr/local/etc/containers/tgtd.yaml',
    '3156e3ed7ea280eefc592b9bd46c6991aa04cb5e',
    ['v1.1.2', 'v1.2.9', 'v1.3.7', 'v1.4.8', 'v1.5.6', 'v1.6.8', 'v1.7.7'],
  ],
  [
    'iscsi-tools',
    '/usr/local/etc/containers/tgtd.yaml',
    '5654faae5f6d4a4bbd27ec84b62603e8762534fe',
    ['v1.8.4', 'v1.9.6'],
  ],
  // storage/iscsi-tools/open-iscsi/files/passwd
  [
    'iscsi-tools',
    '/usr/local/etc/passwd',
    '35a01eb62b97da57cd64b277e3de2578fb3ef75e',
    ['v1.1.2', 'v1.2.9', 'v1.3.7', 'v1.4.8', 'v1.5.6', 'v1.6.8', 'v1.7.7', 'v1.8.4', 'v1.9.6'],
  ],
  // power/nut-client/nut-client.yaml
  [
    'nut-client',
    '/usr/local/etc/containers/nut-client.yaml',
    'a8830f54f0704232f0d0ea1820cd1a369e5a0bb3',
    ['v1.2.9', 'v1.3.7', 'v1.4.8'],
  ],
  [
    'nut-client',
    '/usr/local/etc/containers/nut-client.yaml',
    '3c8447be9148c656b9acbce7537865317505c866',
    ['v1.5.6', 'v1.6.8'],
  ],
  [
    'nut-client',
    '/usr/local/etc/containers/nut-client.yaml',
    'd4592116c6af42a27ded33a7e89dc588ef065563',
    ['v1.7.7', 'v1.8.4', 'v1.9.6', 'v1.10.9', 'v1.11.2', 'v1.11.6', 'v1.12.11'],
  ],
  [
    'nut-client',
    '/usr/local/etc/containers/nut-client.yaml',
    '6428f839902c8914539c054cef39f2017ba7af0b',
    ['v1.13.9', 'v1.14.0-alpha.1', 'v1.14.0-rc.1'],
  ],
  // power/nut-client/files/{passwd,group}, every release that has nut-client
  ['nut-client', '/usr/local/lib/containers/nut-client/etc/passwd', '11ded7fe298fb9d964aca33137dada0932df654b', []],
  ['nut-client', '/usr/local/lib/containers/nut-client/etc/group', '5004e53ecbcf3480fab018b0a5f35a6d301826cd', []],
  // network/tailscale/tailscale.yaml
  [
    'tailscale',
    '/usr/local/etc/containers/tailscale.yaml',
    'fbbcc96b064de4956f67a98df32da1abca40f5d6',
    ['v1.5.6', 'v1.6.8'],
  ],
  [
    'tailscale',
    '/usr/local/etc/containers/tailscale.yaml',
    '9aa83f941f37e68e76f75f964724a8ac2024f782',
    ['v1.7.7', 'v1.8.4'],
  ],
  [
    'tailscale',
    '/usr/local/etc/containers/tailscale.yaml',
    'a60bd4f2c9fa8b5d19b073a8bf863ea7d9044a1c',
    ['v1.9.6', 'v1.10.9', 'v1.11.2', 'v1.11.6', 'v1.12.11'],
  ],
  [
    'tailscale',
    '/usr/local/etc/containers/tailscale.yaml',
    '8637410f855e210e0b2c4849b057ec16e17b6cae',
    ['v1.13.9', 'v1.14.0-alpha.1', 'v1.14.0-rc.1'],
  ],
];

/** Git's object id of a file's bytes: sha1 over `blob <length>\0<bytes>`. */
function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function file(name: string, talos: string, path: string): Uint8Array | undefined {
  const node = image(name, talos).lookup(`rootfs${path}`);
  return node?.kind === 'file' ? node.read() : undefined;
}

describe('configuration files byte for byte', () => {
  it.each(UPSTREAM_BLOBS.map(([name, path, blob, releases]) => [name, path, blob, releases]))(
    '%s %s is blob %s',
    (name, path, blob, releases) => {
      const at = releases.length > 0 ? releases : releasesWith(name);
      for (const talos of at) {
        const bytes = file(name, talos, path);
        expect(bytes && gitBlobId(bytes), `${name} ${talos} ${path}`).toBe(blob);
      }
    },
  );

  it('ships exactly the service definitions and files of each tag', () => {
    for (const name of NAMES) {
      for (const talos of releasesWith(name)) {
        const expected = UPSTREAM_BLOBS.filter(([n, , , r]) => n === name && (r.length === 0 || r.includes(talos)))
          .map(([, path]) => path)
          .filter((p) => p.startsWith('/usr/local/etc/containers/'))
          .map((p) => p.slice('/usr/local/etc/containers/'.length));
        const listed = image(name, talos).list('rootfs/usr/local/etc/containers') ?? [];
        expect(listed, `${name} ${talos}`).toEqual(expected.sort());
        for (const path of ['/usr/local/etc/passwd']) {
          const shipped = UPSTREAM_BLOBS.some(([n, p, , r]) => n === name && p === path && r.includes(talos));
          expect(file(name, talos, path) !== undefined, `${name} ${talos} ${path}`).toBe(shipped);
        }
      }
    }
  });

  it('gives the services what they wait for: an ExtensionServiceConfig from v1.7, Talos’s initiator name from v1.10', () => {
    const depends = (name: string, talos: string, service: string) =>
      parse(decoder.decode(file(name, talos, `/usr/local/etc/containers/${service}.yaml`))).depends;
    expect(depends('nut-client', 'v1.6.8', 'nut-client')).not.toContainEqual({ configuration: true });
    expect(depends('nut-client', 'v1.7.7', 'nut-client')).toContainEqual({ configuration: true });
    expect(depends('tailscale', 'v1.6.8', 'tailscale')).not.toContainEqual({ configuration: true });
    expect(depends('tailscale', 'v1.13.9', 'tailscale')).toContainEqual({ configuration: true });
    expect(depends('iscsi-tools', 'v1.9.6', 'iscsid')).toContainEqual({ service: 'ext-tgtd' });
    expect(depends('iscsi-tools', 'v1.10.9', 'iscsid')).toContainEqual({ path: '/etc/iscsi/initiatorname.iscsi' });
  });
});

describe('the rootfs of each era', () => {
  const has = (name: string, talos: string, path: string) => image(name, talos).lookup(`rootfs${path}`)?.kind;

  it('iscsi-tools: an empty iscsid root; tgtd and the wrapper until v1.10; the udev rule where meson put it', () => {
    expect(image('iscsi-tools', 'v1.13.9').list('rootfs/usr/local/lib/containers/iscsid')).toEqual([]);
    expect(has('iscsi-tools', 'v1.9.6', '/usr/local/sbin/tgtd')).toBe('file');
    expect(has('iscsi-tools', 'v1.10.9', '/usr/local/sbin/tgtd')).toBeUndefined();
    expect(has('iscsi-tools', 'v1.10.9', '/usr/local/sbin/iscsid-wrapper')).toBeUndefined();
    expect(has('iscsi-tools', 'v1.5.6', '/usr/local/etc/udev/rules.d/50-iscsi-firmware-login.rules')).toBeUndefined();
    expect(has('iscsi-tools', 'v1.8.4', '/usr/local/etc/udev/rules.d/50-iscsi-firmware-login.rules')).toBe('file');
    const rule = file('iscsi-tools', 'v1.13.9', '/usr/lib/udev/rules.d/50-iscsi-firmware-login.rules');
    expect(decoder.decode(rule)).toContain('RUN+="/usr/local/sbin/iscsi_fw_login"\n');
  });

  it('nut-client: poweroff linked to the mounted init until v1.5; an FHS root with mode-0600 accounts from v1.13', () => {
    const root = '/usr/local/lib/containers/nut-client';
    expect(image('nut-client', 'v1.4.8').lookup(`rootfs${root}/sbin/poweroff`)).toMatchObject({
      kind: 'symlink',
      target: './init',
    });
    expect(has('nut-client', 'v1.5.6', `${root}/sbin/poweroff`)).toBeUndefined();
    expect(has('nut-client', 'v1.12.11', `${root}/upsmon`)).toBe('file');
    expect(has('nut-client', 'v1.13.9', `${root}/sbin/upsmon`)).toBe('file');
    expect(image('nut-client', 'v1.13.9').lookup(`rootfs${root}/etc/passwd`)?.mode).toBe(0o600);
  });

  it('util-linux-tools: fstrim, nsenter from v1.7, blkid from v1.12', () => {
    const tools = (talos: string) => [
      ...(image('util-linux-tools', talos).list('rootfs/usr/local/sbin') ?? []),
      ...(image('util-linux-tools', talos).list('rootfs/usr/local/bin') ?? []),
    ];
    expect(tools('v1.6.8')).toEqual(['fstrim']);
    expect(tools('v1.11.6')).toEqual(['fstrim', 'nsenter']);
    expect(tools('v1.14.0-rc.1')).toEqual(['blkid', 'fstrim', 'nsenter']);
  });

  it('tailscale: its binaries under the container root, iptables in it from v1.13', () => {
    const bin = '/usr/local/lib/containers/tailscale/usr/local/bin';
    expect(image('tailscale', 'v1.5.6').list(`rootfs${bin}`)).toEqual(['containerboot', 'tailscale', 'tailscaled']);
    expect(has('tailscale', 'v1.12.11', '/usr/local/lib/containers/tailscale/usr/sbin/iptables')).toBeUndefined();
    expect(has('tailscale', 'v1.13.9', '/usr/local/lib/containers/tailscale/usr/sbin/iptables')).toBe('symlink');
  });
});
