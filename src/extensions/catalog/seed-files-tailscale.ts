// The service definitions tailscale ships (network/tailscale in siderolabs/extensions), byte for byte as at the tags
// named.

/** `network/tailscale/tailscale.yaml` from v1.13: tailscale's own container root, no host libraries. */
export const TAILSCALE_YAML = `name: tailscale
depends:
  - service: cri
  - network:
    - addresses
    - connectivity
    - etcfiles
  - configuration: true
container:
  entrypoint: /usr/local/bin/containerboot
  environment:
  - PATH=/sbin:/usr/local/bin
  - TS_SOCKET=/var/run/tailscale/tailscaled.sock
  - TS_STATE_DIR=/var/lib/tailscale
  - TS_USERSPACE=false
  security:
    writeableRootfs: false
    writeableSysfs: true
  mounts:
  ## Tailscale needs to write to this to create the interfaces
  - source: /dev/net/tun
    destination: /dev/net/tun
    type: bind
    options:
      - bind
      - rw
  ## Tailscale socket
  - source: /var/run/tailscale
    destination: /var/run/tailscale
    type: bind
    options:
      - bind
      - rw
  ## Tailscale state. Particularly its 'auth' state
  - source: /var/lib/tailscale
    destination: /var/lib/tailscale
    type: bind
    options:
      - bind
      - rw
  - source: /etc/ssl/certs
    destination: /etc/ssl/certs
    type: bind
    options:
      - rbind
      - ro
restart: always
`;

/** `tailscale.yaml` in v1.9–v1.12: the host's libraries and /sbin mounted. */
export const TAILSCALE_YAML_V1_9 = TAILSCALE_YAML.replace(
  '  ## Tailscale needs to write to this to create the interfaces\n',
  `  # libs
  - source: /lib
    destination: /lib
    type: bind
    options:
      - bind
      - ro
  # more libs
  - source: /usr/lib
    destination: /usr/lib
    type: bind
    options:
      - bind
      - ro
  ## Required for tailscale. Ip addr and other commands
  - source: /sbin
    destination: /sbin
    type: bind
    options:
      - bind
      - ro
  ## Tailscale needs to write to this to create the interfaces
`,
);

/** `tailscale.yaml` in v1.7 and v1.8: no CA certificates mounted. */
export const TAILSCALE_YAML_V1_7 = TAILSCALE_YAML_V1_9.replace(
  `  - source: /etc/ssl/certs
    destination: /etc/ssl/certs
    type: bind
    options:
      - rbind
      - ro
`,
  '',
);

/** `tailscale.yaml` in v1.5 and v1.6: the auth key from an environment file written with `.machine.files`. */
export const TAILSCALE_YAML_V1_5 = TAILSCALE_YAML_V1_7.replace('  - configuration: true\n', '').replace(
  '  environment:\n',
  '  environmentFile: /var/etc/tailscale/auth.env\n  environment:\n',
);
