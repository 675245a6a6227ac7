// The resource definitions of extension services as Talos registers them: types, aliases, columns, and
// sensitivity per release.
import { describe, expect, it } from 'vitest';
import {
  ExtensionServiceConfigType,
  extensionServiceConfigSensitive,
  extensionServiceConfigTypeFor,
} from '../../resources/extension-service-config.js';
import { ExtensionServiceConfigStatusType } from '../../resources/extension-service-config-status.js';
import { ServiceType } from '../../resources/service.js';
import { hasServicePIDs, ServicePIDType } from '../../resources/service-pid.js';
import { fillResourceDefinition } from '../../src/cosi/index.js';

describe('resource definitions', () => {
  it('Services: alias svc and three columns', () => {
    const d = fillResourceDefinition(ServiceType.definition);
    expect(d).toMatchObject({
      type: 'Services.v1alpha1.talos.dev',
      displayType: 'Service',
      defaultNamespace: 'runtime',
      aliases: ['svc', 'service'],
      printColumns: [
        { name: 'Running', jsonPath: '{.running}' },
        { name: 'Healthy', jsonPath: '{.healthy}' },
        { name: 'Health Unknown', jsonPath: '{.unknown}' },
      ],
    });
    expect(d.sensitivity).toBeUndefined();
  });

  it('ServicePIDs: a PID column, from v1.13.0-beta.1', () => {
    expect(fillResourceDefinition(ServicePIDType.definition)).toMatchObject({
      type: 'ServicePIDs.runtime.talos.dev',
      displayType: 'ServicePID',
      aliases: ['servicepid', 'spid', 'spids'],
      printColumns: [{ name: 'PID', jsonPath: '{.pid}' }],
    });
    expect(hasServicePIDs('v1.13.0-beta.0')).toBe(false);
    expect(hasServicePIDs('v1.13.0-beta.1')).toBe(true);
  });

  it('ExtensionServiceConfigs: Sensitive only in v1.12.9+, v1.13.4+ and v1.14.0-alpha.2+', () => {
    expect(fillResourceDefinition(ExtensionServiceConfigType.definition)).toMatchObject({
      type: 'ExtensionServiceConfigs.runtime.talos.dev',
      aliases: ['extensionserviceconfig', 'esc', 'escs'],
      printColumns: [],
      sensitivity: 'sensitive',
    });
    const table = [
      'v1.11.6',
      'v1.12.8',
      'v1.12.9',
      'v1.13.3',
      'v1.13.4',
      'v1.14.0-alpha.1',
      'v1.14.0-alpha.2',
      'v1.14.0',
    ];
    expect(table.map((v) => [v, extensionServiceConfigSensitive(v)])).toEqual([
      ['v1.11.6', false],
      ['v1.12.8', false],
      ['v1.12.9', true],
      ['v1.13.3', false],
      ['v1.13.4', true],
      ['v1.14.0-alpha.1', false],
      ['v1.14.0-alpha.2', true],
      ['v1.14.0', true],
    ]);
    expect(fillResourceDefinition(extensionServiceConfigTypeFor('v1.13.3').definition).sensitivity).toBeUndefined();
  });

  it('ExtensionServiceConfigStatuses: not sensitive, no columns', () => {
    const d = fillResourceDefinition(ExtensionServiceConfigStatusType.definition);
    expect(d).toMatchObject({ type: 'ExtensionServiceConfigStatuses.runtime.talos.dev', printColumns: [] });
    expect(d.sensitivity).toBeUndefined();
    expect(ExtensionServiceConfigStatusType.newSpec()).toEqual({ specVersion: '' });
  });
});
