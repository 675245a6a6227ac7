// What machined's config acquisition logs about the machine config a node boots with. From v1.5.0 the
// `config.AcquireController` (internal/app/machined/pkg/controllers/config/acquire.go) loads the config saved on
// the STATE partition and runs its `Validate` (not RuntimeValidate) in a fake "disk config" mode: every warning is
// logged at warn level as `config validation warning` with a `warning` field, through the controller runtime's
// logger (`{"component": "controller-runtime", "controller": "config.AcquireController", "warning": "…"}`). A
// simulated node boots as an installed one, so its config always comes from STATE. Before v1.5 the Boot sequence's
// `validateConfig` phase (one task) validated it: its task logger (prefix `[talos] task validateConfig (1/1): `, on
// machined's std log) printed `WARNING:\n<warning>`, two kernel records (v1.0–v1.4 v1alpha1_sequencer_tasks.go).
import { compareTalos, type MachineConfig, validateMachineConfig } from '../machine-config/index.js';
import type { NodeLog } from './node-log.js';

/** First tag with config.AcquireController (786e86f5b). */
const ACQUIRE_CONTROLLER_SINCE = 'v1.5.0-alpha.3';

/** Logs the validation warnings of the config a node of `talosVersion` boots with, as its machined does. */
export function logConfigAcquisition(log: NodeLog, config: MachineConfig | undefined, talosVersion: string): void {
  if (config === undefined) return;
  const { warnings } = validateMachineConfig(config, talosVersion, { runtime: false });
  if (compareTalos(talosVersion, ACQUIRE_CONTROLLER_SINCE) < 0) {
    const task = log.logger({ component: 'machined' });
    for (const warning of warnings) task.log('info', `task validateConfig (1/1): WARNING:\n${warning}`);
    return;
  }
  const logger = log.logger({ component: 'controller-runtime', controller: 'config.AcquireController' });
  for (const warning of warnings) logger.log('warn', 'config validation warning', { warning });
}
