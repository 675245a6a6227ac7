// Small configuration files the seeded extensions really ship, as they are in siderolabs/extensions at tag
// v1.14.0-alpha.1 (identical at v1.11.2 unless a `_V1_11` variant follows). Binaries are not carried: the seed
// replaces them with placeholders.

/** `container-runtime/gvisor/10-gvisor.part` */
export const GVISOR_PART = `[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runsc]
  runtime_type = "io.containerd.runsc.v1"

[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runsc.options]
  TypeUrl = "io.containerd.runsc.v1.options"
  ConfigPath = "/etc/cri/conf.d/runsc.toml"
`;

/** `container-runtime/gvisor/10-gvisor-kvm.part` */
export const GVISOR_KVM_PART = `[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runsc-kvm]
  runtime_type = "io.containerd.runsc.v1"

[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runsc-kvm.options]
  TypeUrl = "io.containerd.runsc.v1.options"
  ConfigPath = "/etc/cri/conf.d/runsc-kvm.toml"
`;

/** `container-runtime/gvisor/runsc.toml` */
export const RUNSC_TOML = `[runsc_config]
`;

/** `container-runtime/gvisor/runsc-kvm.toml` */
export const RUNSC_KVM_TOML = `[runsc_config]
  platform = "kvm"
`;

/** `container-runtime/gvisor-debug/11-gvisor-debug.part` */
export const GVISOR_DEBUG_PART = `[debug]
  level = "debug"
[plugins."io.containerd.runtime.v1.linux"]
  shim_debug = true
`;

/** `container-runtime/gvisor-debug/runsc.toml` */
export const GVISOR_DEBUG_RUNSC_TOML = `log_path = "/var/log/runsc/%ID%/shim.log"
log_level = "debug"

[runsc_config]
  debug = "true"
  debug-log = "/var/log/runsc/%ID%/gvisor.%COMMAND%.log"
`;

/** `examples/hello-world-service/hello-world.yaml` */
export const HELLO_WORLD_YAML = `name: hello-world
container:
  entrypoint: ./hello-world
  args:
    - --msg
    - Talos Linux Extension Service
depends:
  - network:
    - addresses
restart: always
`;

/** `guest-agents/qemu-guest-agent/qemu-guest-agent.yaml` */
export const QEMU_GUEST_AGENT_YAML = `name: qemu-guest-agent
depends:
  - path: /system/run/machined/machine.sock
  - path: /dev/virtio-ports/org.qemu.guest_agent.0
container:
  entrypoint: ./qemu-ga
  mounts:
    # State files.
    - source: /run
      destination: /var/run
      type: bind
      options:
        - rshared
        - rbind
        - rw
    # Device files.
    - source: /dev
      destination: /dev
      type: bind
      options:
        - rshared
        - rbind
        - rw
    # \`/sbin/init\` talks to \`machined\`.
    - source: /system/run/machined/machine.sock
      destination: /system/run/machined/machine.sock
      type: bind
      options:
        - rshared
        - rbind
        - ro
    - source: /sbin/init
      destination: /sbin/shutdown
      type: bind
      options:
        - bind
        - ro
restart: always
`;

/** `storage/zfs/zfs-service.yaml` */
export const ZFS_SERVICE_YAML = `name: zfs-service
depends:
  - service: udevd
  - service: cri
  - path: /dev/zfs
container:
  entrypoint: /zfs-service
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
    - source: /run
      destination: /run
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
  security:
    rootfsPropagation: shared
restart: untilSuccess
`;

/** `guest-agents/vmtoolsd-guest-agent/talos-vmtoolsd.yaml` */
export const TALOS_VMTOOLSD_YAML = `name: talos-vmtoolsd
container:
  entrypoint: ./talos-vmtoolsd
  args:
    - vmtoolsd
    - --use-machined
  mounts:
    - source: /system/run/machined/machine.sock
      destination: /system/run/machined/machine.sock
      type: bind
      options:
        - rshared
        - rbind
        - rw
depends:
  - path: /system/run/machined/machine.sock
  - network:
    - addresses
restart: always
`;

/** `drivers/thunderbolt/files/99-thunderbolt.rules` */
export const THUNDERBOLT_RULES = `# This will authorize and disable power management for Thunderbolt devices on system boot 
ACTION=="add", SUBSYSTEM=="thunderbolt", ATTR{authorized}=="0", ATTR{authorized}="1", ATTR{power/control}="on"
`;

/** `drivers/thunderbolt/files/99-thunderbolt.rules` at v1.11.2 */
export const THUNDERBOLT_RULES_V1_11 = `# This will authorize Thunderbolt devices on system boot
ACTION=="add", SUBSYSTEM=="thunderbolt", ATTR{authorized}=="0", ATTR{authorized}="1"
`;

/** `guest-agents/qemu-guest-agent/qemu-guest-agent.yaml` at v1.11.2: shared libraries mounted, another state dir */
export const QEMU_GUEST_AGENT_YAML_V1_11 = QEMU_GUEST_AGENT_YAML.replace(
  '    # State files.\n    - source: /run\n',
  `    # Shared libraries.
    - source: /lib
      destination: /lib
      type: bind
      options:
        - bind
        - ro
    - source: /usr/lib
      destination: /usr/lib
      type: bind
      options:
        - bind
        - ro
    # State files.
    - source: /system/run/qemu-guest-agent
`,
);
