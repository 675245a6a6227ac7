// Errors about the machine config of the legacy install path: a document talos-sim cannot read, and the validation
// errors Talos reports (joined as hashicorp/go-multierror prints them: `1 error occurred:\n\t* …\n\n`), and a config
// too large to parse (INPUT_LIMITS.machineConfigBytes).
import { formatByteLimit } from '../safe-fs/index.js';

export type MachineConfigErrorKind = 'invalid-machine-config' | 'config-validation' | 'too-large';

function multierror(errors: readonly string[]): string {
  if (errors.length === 1) return `1 error occurred:\n\t* ${errors[0]}\n\n`;
  return `${errors.length} errors occurred:\n\t${errors.map((e) => `* ${e}`).join('\n\t')}\n\n`;
}

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

  static invalid(reason: string): MachineConfigError {
    return new MachineConfigError('invalid-machine-config', `invalid machine config: ${reason}`, [], []);
  }

  static tooLarge(limit: number): MachineConfigError {
    return new MachineConfigError(
      'too-large',
      `invalid machine config: larger than the limit of ${formatByteLimit(limit)}`,
      [],
      [],
    );
  }

  static validation(errors: readonly string[], warnings: readonly string[]): MachineConfigError {
    return new MachineConfigError('config-validation', multierror(errors), errors, warnings);
  }
}

export function isMachineConfigError(err: unknown): err is MachineConfigError {
  return err instanceof MachineConfigError;
}
