// The resources extension services publish, as `talosctl get` prints them in table, YAML and JSON: Services,
// ServicePIDs (v1.13), ExtensionServiceConfigs (sensitive, readable with os:admin), their statuses, and the node
// identity, on the services scenario after it has settled in virtual time.
import { describe, expect, it } from 'vitest';
import { runUntilQuiet } from '../../../src/index.js';
import { expectGolden } from '../../support/golden.js';
import { bootServicesScenario } from './services-cluster.js';

describe('resources of extension services', () => {
  it.each([
    ['services', 'table'],
    ['services', 'yaml'],
    ['servicepids', 'json'],
    ['extensionserviceconfigs', 'yaml'],
    ['extensionserviceconfigstatuses', 'table'],
    ['extensionserviceconfigstatuses', 'json'],
    ['identities', 'yaml'],
  ])('sim get %s -o %s (golden)', async (type, output) => {
    await using cluster = await bootServicesScenario();
    await runUntilQuiet(cluster);
    const run = await cluster.run(['get', type, '-n', '10.5.0.2', '-o', output]);
    expect([run.exitCode, run.stderr]).toEqual([0, '']);
    expectGolden(`cli/services/get-${type}.${output}.txt`, run.stdout);
  });
});
