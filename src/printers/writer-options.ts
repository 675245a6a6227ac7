// Options of the resource writers, with their defaults merged in one place.
import type { YamlFlavour } from '../goyaml/index.js';
import type { MachineConfigRepr } from './machine-config-repr.js';

export interface ResourceWriterOptions {
  /** Receives the output (talosctl's stdout), chunk by chunk. */
  readonly out: (chunk: string) => void;
  /**
   * go-yaml version of the emulated talosctl and node: quoting of spec strings, literal headers and (`rc6`)
   * folding at 80 columns in `-o yaml`. Default `rc6` (talosctl 1.14+).
   */
  readonly flavour?: YamlFlavour;
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

export const WRITER_DEFAULTS: Omit<ResolvedWriterOptions, 'out'> = {
  flavour: 'rc6',
  bootstrapped: false,
  machineConfigRepr: 'raw-unless-annotated',
  strictJsonPathRange: false,
};

export function resolveWriterOptions(options: ResourceWriterOptions): ResolvedWriterOptions {
  return {
    out: options.out,
    flavour: options.flavour ?? WRITER_DEFAULTS.flavour,
    bootstrapped: options.bootstrapped ?? WRITER_DEFAULTS.bootstrapped,
    machineConfigRepr: options.machineConfigRepr ?? WRITER_DEFAULTS.machineConfigRepr,
    strictJsonPathRange: options.strictJsonPathRange ?? WRITER_DEFAULTS.strictJsonPathRange,
  };
}
