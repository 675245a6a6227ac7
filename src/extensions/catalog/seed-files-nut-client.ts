// Configuration files nut-client ships (power/nut-client in siderolabs/extensions), byte for byte as at the tags
// named: its service definition through the releases, and the passwd and group of its container.

/** `power/nut-client/nut-client.yaml` from v1.13: upsmon inside its own FHS container root. */
export const NUT_CLIENT_YAML = `name: nut-client
depends:
  - service: cri
  - network:
    - addresses
    - connectivity
    - etcfiles
  - path: /system/run/machined/machine.sock
  - configuration: true
container:
  entrypoint: /sbin/upsmon
  args:
    - -F
  mounts:
    # \`/sbin/init\` talks to \`machined\`.
    - source: /system/run/machined/machine.sock
      destination: /system/run/machined/machine.sock
      type: bind
      options:
        - rshared
        - rbind
        - ro
    - source: /sbin/init
      destination: /sbin/poweroff
      type: bind
      options:
        - bind
        - ro
restart: always
`;

/** `nut-client.yaml` in v1.7–v1.12: `./upsmon` on the host's shared libraries, configured by ExtensionServiceConfig. */
export const NUT_CLIENT_YAML_V1_7 = NUT_CLIENT_YAML.replace(
  '  entrypoint: /sbin/upsmon\n',
  '  entrypoint: ./upsmon\n',
).replace(
  '  mounts:\n',
  `  mounts:
    # Shared libraries.
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
`,
);

/** `nut-client.yaml` in v1.5 and v1.6: configuration from `.machine.files` under /var/etc/nut. */
export const NUT_CLIENT_YAML_V1_5 = NUT_CLIENT_YAML_V1_7.replace('  - configuration: true\n', '').replace(
  '    # `/sbin/init` talks to `machined`.\n',
  `    # Configuration provided via \`.machine.files\`.
    - source: /var/etc/nut
      destination: /usr/local/etc/nut
      type: bind
      options:
        - bind
        - ro
    # \`/sbin/init\` talks to \`machined\`.
`,
);

/** `nut-client.yaml` in v1.2–v1.4: /sbin/init reached apid, symlinked to poweroff in the container root. */
export const NUT_CLIENT_YAML_V1_2 = `name: nut-client
depends:
  - service: cri
  - network:
    - addresses
    - connectivity
    - etcfiles
container:
  entrypoint: ./upsmon
  args:
    - -F
  mounts:
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
    # config via .machine.files
    - source: /var/etc/nut
      destination: /usr/local/etc/nut
      type: bind
      options:
        - bind
        - ro
    # /sbin/init talks to apid
    - source: /system/run/apid/apid.sock
      destination: /system/run/apid/apid.sock
      type: bind
      options:
        - rshared
        - rbind
        - rw
    # symlinked to /sbin/poweroff
    - source: /sbin/init
      destination: /sbin/init
      type: bind
      options:
        - bind
        - ro
restart: always
`;

/** `power/nut-client/files/passwd`, the container's `/etc/passwd`. */
export const NUT_PASSWD = `root:x:0:0:root:/:/sbin/false
nut:x:123:131::/var/lib/nut:/sbin/false
`;

/** `power/nut-client/files/group`, the container's `/etc/group`. */
export const NUT_GROUP = `dialout:x:20:nut
nut:x:131:
`;
