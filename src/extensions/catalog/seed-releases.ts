// Which seeded extensions each seeded Talos release lists, with their real image tags (= `metadata.version`):
// rendered from siderolabs/extensions at the release tag (vars.yaml and Pkgfile), and matching the
// `image-digests` samples of spec extension-catalog §5.6 where those list them. Listed in the Makefile's TARGETS
// order, as `image-digests` is. Only these releases have an index.

export const SEED_RELEASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'v1.11.2': {
    'amd-ucode': '20250917',
    drbd: '9.2.14-v1.11.2',
    'gasket-driver': '5815ee3-v1.11.2',
    gvisor: '20250707.0',
    'gvisor-debug': 'v1.0.0',
    'hello-world-service': 'v1.0.0',
    i915: '20250917-v1.11.2',
    'intel-ucode': '20250812',
    mdadm: 'v4.3',
    'qemu-guest-agent': '10.0.2',
    thunderbolt: 'v1.11.2',
    'vmtoolsd-guest-agent': 'v1.4.0',
    zfs: '2.3.3-v1.11.2',
  },
  'v1.14.0-alpha.1': {
    'amd-ucode': '20260519',
    drbd: '9.3.2-v1.14.0-alpha.1',
    'gasket-driver': '5815ee3-v1.14.0-alpha.1',
    gvisor: '20260427.0',
    'gvisor-debug': 'v1.0.0',
    'hello-world-service': 'v1.0.0',
    i915: '20260519-v1.14.0-alpha.1',
    'intel-ucode': '20260512',
    mdadm: 'v4.6',
    'qemu-guest-agent': '11.0.0',
    thunderbolt: 'v1.14.0-alpha.1',
    'vmtoolsd-guest-agent': 'v1.5.0',
    zfs: '2.4.2-v1.14.0-alpha.1',
  },
};
