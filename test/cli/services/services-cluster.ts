// The scenario the service-command tests boot: test/fixtures/cli/services/scenario.yaml (10.5.0.2 on v1.13.9 with
// hello-world, nut-client configured by an ExtensionServiceConfig, and tailscale waiting for its config; 10.5.0.3
// on v1.11.2 with hello-world), run one-shot as a user runs `sim --scenario`, or as a running cluster.
import { join } from 'node:path';
import { type Cluster, createCluster } from '../../../src/index.js';
import { type SimRun, sim } from '../../support/run-sim.js';

export const SERVICES_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cli', 'services');

/** `sim <argv> --scenario scenario.yaml`: boots the scenario for the command alone. */
export function simOneShot(argv: readonly string[], signal?: AbortSignal): Promise<SimRun> {
  return sim([...argv, '--scenario', 'scenario.yaml'], {
    cwd: SERVICES_FIXTURES,
    ...(signal === undefined ? {} : { signal }),
  });
}

export function bootServicesScenario(): Promise<Cluster> {
  return createCluster(join(SERVICES_FIXTURES, 'scenario.yaml'), { cwd: SERVICES_FIXTURES });
}
