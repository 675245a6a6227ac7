// The installer's first step (cmd/installer runInstallCmd, the same from v1.0 to v1.14): it loads the machine config
// machined hands it on stdin with the configloader of ITS release, then runs `Validate` (not RuntimeValidate); an
// error ends the run with the installer's prefix, warnings are printed and the install goes on.
import {
  isMachineConfigError,
  MachineConfigError,
  parseMachineConfig,
  validateMachineConfig,
} from '../machine-config/index.js';
import { InstallerError } from './installer-error.js';

/** The config warnings the installer of `talosVersion` prints; throws InstallerError when it stops on the config. */
export function installerConfigCheck(configText: string | undefined, talosVersion: string): readonly string[] {
  // no config: `machine configuration missing, skipping validation`
  if (configText === undefined) return [];
  let config: ReturnType<typeof parseMachineConfig>;
  try {
    config = parseMachineConfig(configText, { talosVersion });
  } catch (err) {
    if (!isMachineConfigError(err)) throw err;
    throw new InstallerError({ kind: 'config-load', talosVersion, cause: err });
  }
  const { errors, warnings } = validateMachineConfig(config, talosVersion, { runtime: false });
  if (errors.length > 0) {
    throw new InstallerError({
      kind: 'config-invalid',
      talosVersion,
      cause: MachineConfigError.validation(errors, warnings),
    });
  }
  return warnings;
}
