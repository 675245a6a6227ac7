// The default Talos version, alone in its module so that the CLI can name it in its help without
// loading the releases table (and semver).

/** The newest known stable release: the default Talos version of talos-sim. */
export const DEFAULT_TALOS_VERSION = 'v1.13.9';
