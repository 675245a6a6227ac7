// Configuration files iscsi-tools ships (storage/iscsi-tools in siderolabs/extensions), byte for byte as at the
// tags named: its service definitions, the passwd its iscsid container saw until v1.9, and open-iscsi's udev rule.

/** `storage/iscsi-tools/iscsid.yaml` from v1.10: iscsid itself, reading Talos's `/etc/iscsi`. */
export const ISCSID_YAML = `name: iscsid
depends:
  - service: cri
  - network:
       - addresses
       - connectivity
       - hostname
       - etcfiles
  - path: /etc/iscsi/initiatorname.iscsi
container:
  entrypoint: /usr/local/sbin/iscsid
  args:
    - -f
  security:
    maskedPaths: []
    readonlyPaths: []
    writeableSysfs: true
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
    # iscsi libs
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
    # iscsi etc folder
    - source: /etc/iscsi
      destination: /etc/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - ro
    - source: /var/lib/iscsi
      destination: /var/lib/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /run/lock/iscsi
      destination: /run/lock/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - rw
restart: always
`;

/** `iscsid.yaml` in v1.6–v1.9: iscsid-wrapper, after ext-tgtd, with state in /var/lib/iscsi. */
export const ISCSID_YAML_V1_6 = `name: iscsid
depends:
  - service: cri
  - service: ext-tgtd
  - network:
       - addresses
       - connectivity
       - hostname
       - etcfiles
container:
  entrypoint: /usr/local/sbin/iscsid-wrapper
  security:
    maskedPaths: []
    readonlyPaths: []
    writeableSysfs: true
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
    # iscsi libs
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
    # persistent storage for iscsi
    - source: /system/iscsi
      destination: /etc/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /usr/local/etc/iscsi/iscsid.conf
      destination: /etc/iscsi/iscsid.conf
      type: bind
      options:
        - bind
        - ro
    - source: /usr/local/etc/passwd
      destination: /etc/passwd
      type: bind
      options:
        - bind
        - ro
    - source: /var/lib/iscsi
      destination: /var/lib/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /run/lock/iscsi
      destination: /run/lock/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - rw
restart: always
`;

/** `iscsid.yaml` in v1.1–v1.5: no /var/lib/iscsi mount. */
export const ISCSID_YAML_V1_2 = ISCSID_YAML_V1_6.replace(
  `    - source: /var/lib/iscsi
      destination: /var/lib/iscsi
      type: bind
      options:
        - rshared
        - rbind
        - rw
`,
  '',
);

/** `storage/iscsi-tools/tgtd.yaml` in v1.8 and v1.9 (the tgt target daemon went with v1.10). */
export const TGTD_YAML_V1_8 = `name: tgtd
depends:
  - service: cri
  - network:
       - addresses
       - connectivity
       - hostname
       - etcfiles
container:
  security:
    rootfsPropagation: shared
  entrypoint: /usr/local/sbin/tgtd
  args:
    - -f
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
    - source: /var/run/tgtd
      destination: /var/run/tgtd
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /usr/local/sbin
      destination: /usr/local/sbin
      type: bind
      options:
        - bind
        - ro
restart: always
`;

/** `tgtd.yaml` in v1.1–v1.7: no mount propagation, /proc mounted. */
export const TGTD_YAML_V1_2 = TGTD_YAML_V1_8.replace('  security:\n    rootfsPropagation: shared\n', '').replace(
  '    - source: /usr/local/sbin\n',
  `    - source: /proc
      destination: /proc
      type: bind
      options:
        - rshared
        - rbind
        - rw
    - source: /usr/local/sbin
`,
);

/** `storage/iscsi-tools/open-iscsi/files/passwd`, installed as /usr/local/etc/passwd until v1.9. */
export const ISCSI_PASSWD = `root:x:0:0:root:/:/sbin/false
`;

/**
 * open-iscsi's `utils/50-iscsi-firmware-login.rules.template` as its meson build (open-iscsi 2.1.9 on, extensions
 * v1.6 on) installs it, `@SBINDIR@` being the `-Discsi_sbindir=/usr/local/sbin` the pkg.yaml passes.
 */
export const ISCSI_FIRMWARE_LOGIN_RULES = `# This file contains the rules to handle iscsi firmware changes

# DO NOT WRAP THIS LINE
#
# old udev does not understand some of it,
# and would end up skipping only some lines, not the full rule.
# which can cause all sort of trouble with strange-named device nodes
# for completely unrelated devices,
# resulting in unusable network lookback, etc.
#
# in case this is "accidentally" installed on a system with old udev,
# having it as one single line avoids those problems.
#
# DO NOT WRAP THIS LINE
SUBSYSTEM=="iscsi_boot*", ACTION=="add", DEVPATH=="*/target*", RUN+="/usr/local/sbin/iscsi_fw_login"
`;
