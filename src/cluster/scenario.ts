// Scenarios v1alpha1: the contract users write (in YAML or as an object) to describe a simulated cluster. Keep this
// format stable; scenarios/README.md documents every key with an example.
//
//   version: v1alpha1
//   clock: 2024-08-09T03:07:41Z        # virtual time at boot (default: a fixed epoch, never the wall clock)
//   images:                            # what the simulated registry holds besides the built-in catalog
//     - ref: example.com/hello:1.0
//       path: ./exts/hello             # directory, OCI layout or tarball, relative to the scenario file
//     - ref: example.com/inline:1.0
//       inline: { manifest: {...}, files: { /usr/local/bin/x: { content: "...", mode: 0755 } } }
//   talos: v1.13.9                     # defaults every node takes unless it sets its own
//   nodes:
//     - address: 172.20.0.2
//       talos: v1.13.0
//       extensions: [example.com/hello:1.0]
//     - 172.20.0.3                     # an address alone: a node with the defaults
//   steps: []
import type { ExtensionManifestInput } from '../extensions/index.js';

/** A file of an inline image: its content as a string, or an object. */
export type ScenarioFile =
  | string
  | {
      readonly content?: string;
      /** Octal however written: `0755`, `"0755"`, `0o755`, `755`; a number given in code is taken as is. */
      readonly mode?: number | string;
      readonly symlink?: string;
      readonly directory?: boolean;
    };

export interface ScenarioInlineImage {
  /** The manifest (as in manifest.yaml), or its YAML text. */
  readonly manifest: ExtensionManifestInput | string;
  /** rootfs/ contents by absolute path. */
  readonly files?: Readonly<Record<string, ScenarioFile>>;
}

/** An image the scenario's registry holds under `ref`: read from `path`, or described `inline`. */
export type ScenarioImage =
  | { readonly ref: string; readonly path: string }
  | { readonly ref: string; readonly inline: ScenarioInlineImage };

/** What a node is installed with; top-level keys of the same name are the defaults of every node. */
export interface ScenarioInstall {
  /** Talos release (`v1.13.9`, or a line: `v1.13`). Default: DEFAULT_TALOS_VERSION. */
  readonly talos?: string;
  /** Extension images for the imager (Talos ≥ v1.5): references (of `images` or the catalog) or paths. */
  readonly extensions?: readonly string[];
  /** Official extensions through Image Factory (`siderolabs/gvisor`), plus the schematic layer. */
  readonly officialExtensions?: readonly string[];
  /** Machine config documents (YAML). On Talos ≤ v1.9 the installer installs its `.machine.install.extensions`. */
  readonly config?: string;
}

export interface ScenarioNode extends ScenarioInstall {
  /** An IPv4 or IPv6 address or a DNS name, as talosctl's NODE column shows it. */
  readonly address: string;
}

export interface ScenarioSpec extends ScenarioInstall {
  /** Format version; default `v1alpha1`, the only one. */
  readonly version?: 'v1alpha1';
  /** Virtual time at boot: an RFC 3339 time, a Date, or ms since the epoch. */
  readonly clock?: string | Date | number;
  readonly images?: readonly ScenarioImage[];
  /** The nodes; an address alone is a node with the top-level defaults. Default: one node, 172.20.0.2. */
  readonly nodes?: readonly (string | ScenarioNode)[];
  /** Scenario steps (defined by a later format revision); only an empty list is accepted now. */
  readonly steps?: readonly unknown[];
}

/** The scenario format version this release reads. */
export const SCENARIO_VERSION = 'v1alpha1';
