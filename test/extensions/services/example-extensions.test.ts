// The example extensions under scenarios/extensions that ship services (§8: hello-world, nut-client, tailscale,
// qemu-guest-agent, iscsid): each loads and validates as an extension image, and its service definition decodes
// and validates with the facts of the upstream files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtension, readDirectoryImage, validateExtension } from '../../../src/extensions/index.js';
import { decodeServiceSpec, serviceSpecProblems } from '../../../src/extensions/services/index.js';

const DIR = join(import.meta.dirname, '../../../scenarios/extensions');

const EXAMPLES = [
  ['hello-world-service', 'hello-world', './hello-world', ['containerd'], ['network'], 'always'],
  ['nut-client', 'nut-client', '/sbin/upsmon', ['containerd', 'cri'], ['network', 'path', 'configuration'], 'always'],
  [
    'tailscale',
    'tailscale',
    '/usr/local/bin/containerboot',
    ['containerd', 'cri'],
    ['network', 'configuration'],
    'always',
  ],
  ['qemu-guest-agent', 'qemu-guest-agent', './qemu-ga', ['containerd'], ['path', 'path'], 'always'],
  ['iscsi-tools', 'iscsid', '/usr/local/sbin/iscsid', ['containerd', 'cri'], ['network', 'path'], 'always'],
] as const;

describe('example extensions with services', () => {
  it.each(EXAMPLES)(
    '%s loads, validates for v1.14.0-rc.1 and ships a valid %s service',
    (ext, name, entrypoint, services, others) => {
      const extension = loadExtension(readDirectoryImage(join(DIR, ext)), { directory: ext });
      expect(extension.manifest.metadata.name).toBe(ext);
      expect(() =>
        validateExtension(extension, { constraints: true, contents: true, talosVersion: 'v1.14.0-rc.1' }),
      ).not.toThrow();
      const text = readFileSync(join(DIR, ext, 'rootfs/usr/local/etc/containers', `${name}.yaml`), 'utf8');
      for (const flavour of ['v3', 'rc3', 'rc4', 'rc6'] as const) {
        const spec = decodeServiceSpec(text, { flavour });
        expect(serviceSpecProblems(spec)).toEqual([]);
        expect(spec.name).toBe(name);
        expect(spec.container.entrypoint).toBe(entrypoint);
        expect(spec.restart).toBe(1);
        expect(['containerd', ...(spec.depends ?? []).filter((d) => d.service !== '').map((d) => d.service)]).toEqual(
          services,
        );
        const kinds = (spec.depends ?? []).flatMap((d) =>
          d.path !== '' ? ['path'] : d.network !== undefined ? ['network'] : d.configuration ? ['configuration'] : [],
        );
        expect(kinds).toEqual(others);
      }
    },
  );

  it('iscsid clears the masked and read-only paths and gets a writable sysfs', () => {
    const text = readFileSync(join(DIR, 'iscsi-tools/rootfs/usr/local/etc/containers/iscsid.yaml'), 'utf8');
    const security = decodeServiceSpec(text).container.security;
    expect(security).toEqual({
      writeableSysfs: true,
      maskedPaths: [],
      readonlyPaths: [],
      writeableRootfs: false,
      rootfsPropagation: '',
    });
  });
});
