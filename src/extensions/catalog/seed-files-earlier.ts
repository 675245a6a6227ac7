// Configuration files the seeded extensions shipped in earlier releases, as they are in siderolabs/extensions (and
// siderolabs/talos-vmtoolsd for its image) at the tags named; where a file differs from its newer form in a line or
// two, it is written as that difference.
import { GVISOR_PART, QEMU_GUEST_AGENT_YAML_V1_11, TALOS_VMTOOLSD_YAML } from './seed-files.js';

/** `container-runtime/gvisor/gvisor.part` up to v1.7: containerd 1.x's CRI plugin name. */
export const GVISOR_PART_V1_0 = GVISOR_PART.replaceAll('io.containerd.cri.v1.runtime', 'io.containerd.grpc.v1.cri');

/** `container-runtime/gvisor/runsc.toml` up to v1.3. */
export const RUNSC_TOML_V1_0 = `[runsc_config]
# See https://github.com/siderolabs/extensions/issues/4
ignore-cgroups = "true"
`;

/** `guest-agents/qemu-guest-agent/qemu-guest-agent.yaml` in v1.5: waits for cri, state in /var/run. */
export const QEMU_GUEST_AGENT_YAML_V1_5 = QEMU_GUEST_AGENT_YAML_V1_11.replace(
  'depends:\n',
  'depends:\n  - service: cri\n',
).replace('    - source: /system/run/qemu-guest-agent\n', '    - source: /var/run\n');

/** `storage/zfs/zpool-importer.yaml` in v1.8 (v1.6 and v1.7 also mount /proc). */
export const ZPOOL_IMPORTER_YAML = `name: zpool-importer
depends:
  - service: udevd
  - service: cri
  - path: /dev/zfs
container:
  security:
    rootfsPropagation: shared
  entrypoint: /usr/local/sbin/zpool
  args:
    - import
    - -fa
  mounts:
    # ld-musl-x86_64.so.1
    - source: /lib
      destination: /lib
      type: bind
      options:
        - bind
        - ro
    # libcrypto.so and libc.so
    - source: /usr/lib
      destination: /usr/lib
      type: bind
      options:
        - bind
        - ro
    - source: /usr/local/lib
      destination: /usr/local/lib
      type: bind
      options:
        - bind
        - ro
    - source: /usr/local/sbin
      destination: /usr/local/sbin
      type: bind
      options:
        - bind
        - ro
    - source: /dev
      destination: /dev
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /var
      destination: /var
      type: bind
      options:
        - rshared
        - rbind
        - rw
restart: untilSuccess
`;

/** `storage/zfs/zpool-importer.yaml` in v1.6 and v1.7. */
export const ZPOOL_IMPORTER_YAML_V1_6 = ZPOOL_IMPORTER_YAML.replace(
  '    - source: /var\n',
  `    - source: /proc
      destination: /proc
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /var
`,
);

/** talos-vmtoolsd's `talos-vmtoolsd.yaml` at 0.5.0 and v0.6.1 (images of Talos v1.7 and v1.8): no subcommand. */
export const TALOS_VMTOOLSD_YAML_V0_5 = TALOS_VMTOOLSD_YAML.replace('    - vmtoolsd\n', '');
