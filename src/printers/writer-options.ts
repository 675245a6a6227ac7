// Options of the resource writers, with their defaults merged in one place.
import type { YamlFlavour } from '../goyaml/index.js';
import type { MachineConfigRepr } from './machine-config-repr.js';

export interface ResourceWriterOptions {
  /** Receives the output (talosctl's stdout), chunk by chunk. */
  readonly out: (chunk: string) => void;
  /**
   * go-yaml version of the emulated talosctl: literal headers and (`rc6`) folding at 80 columns in `-o yaml`, and
   * how `-o json`, `-o jsonpath` and table columns decode the spec. Default `rc6` (talosctl 1.14+).
   */
  readonly flavour?: YamlFlavour;
  /**
   * go-yaml version of the release a node (by the address `writeResource` is given) runs: its machined marshals the
   * spec, which decides how spec strings are quoted. Default: `flavour` for every node.
   */
  readonly nodeFlavour?: (node: string) => YamlFlavour;
  /**
   * Start bootstrapped: every resource is flushed on its own, the header going out with the first row.
   * talosctl does this when watching a single resource id. Default false.
   */
  readonly bootstrapped?: boolean;
  /**
   * What the talosctl release does with MachineConfig specs in `-o yaml`/`json`/`jsonpath` (MachineConfigRepr).
   * Default `raw-unless-annotated` (talosctl v1.12.5+, v1.13.0-alpha.2+).
   */
  readonly machineConfigRepr?: MachineConfigRepr;
  /** Evaluate `{range}` afresh for every resource instead of reproducing talosctl's reuse bug. Default false. */
  readonly strictJsonPathRange?: boolean;
}

export type ResolvedWriterOptions = Required<ResourceWriterOptions>;

export const WRITER_DEFAULTS: Omit<ResolvedWriterOptions, 'out' | 'nodeFlavour'> = {
  flavour: 'rc6',
  bootstrapped: false,
  machineConfigRepr: 'raw-unless-annotated',
  strictJsonPathRange: false,
};

export function resolveWriterOptions(options: ResourceWriterOptions): ResolvedWriterOptions {
  const flavour = options.flavour ?? WRITER_DEFAULTS.flavour;
  return {
    out: options.out,
    flavour,
    nodeFlavour: options.nodeFlavour ?? (() => flavour),
    bootstrapped: options.bootstrapped ?? WRITER_DEFAULTS.bootstrapped,
    machineConfigRepr: options.machineConfigRepr ?? WRITER_DEFAULTS.machineConfigRepr,
    strictJsonPathRange: options.strictJsonPathRange ?? WRITER_DEFAULTS.strictJsonPathRange,
  };
}
