// Errors about a machine config: one Talos's config loader cannot load (its texts), one too large to parse
// (INPUT_LIMITS.machineConfigBytes), and the validation errors Talos reports (joined as hashicorp/go-multierror
// prints them: `1 error occurred:\n\t* …\n\n`).
import { formatMultierror } from '../gofmt/index.js';
import { formatByteLimit } from '../safe-fs/index.js';

export type MachineConfigErrorKind = 'invalid-machine-config' | 'config-validation' | 'too-large';

export class MachineConfigError extends Error {
  readonly kind: MachineConfigErrorKind;
  /** The validation errors, one text each (`duplicate system extension "…"`); empty for unreadable configs. */
  readonly errors: readonly string[];
  /** Warnings validation produced alongside the errors. */
  readonly warnings: readonly string[];

  private constructor(
    kind: MachineConfigErrorKind,
    message: string,
    errors: readonly string[],
    warnings: readonly string[],
  ) {
    super(message);
    this.name = 'MachineConfigError';
    this.kind = kind;
    this.errors = errors;
    this.warnings = warnings;
  }

  /** What Talos's config loader says of a config it cannot load, as it says it (`missing kind`, …). */
  static load(text: string): MachineConfigError {
    return new MachineConfigError('invalid-machine-config', text, [], []);
  }

  static invalid(reason: string): MachineConfigError {
    return new MachineConfigError('invalid-machine-config', `invalid machine config: ${reason}`, [], []);
  }

  /** A config larger than talos-sim reads (INPUT_LIMITS.machineConfigBytes), refused before parsing. */
  static tooLarge(limit: number): MachineConfigError {
    return new MachineConfigError(
      'too-large',
      `invalid machine config: larger than the limit of ${formatByteLimit(limit)}`,
      [],
      [],
    );
  }

  static validation(errors: readonly string[], warnings: readonly string[]): MachineConfigError {
    return new MachineConfigError('config-validation', formatMultierror(errors), errors, warnings);
  }
}

export function isMachineConfigError(err: unknown): err is MachineConfigError {
  return err instanceof MachineConfigError;
}
