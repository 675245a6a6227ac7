// What a node of each release registers and runs: talosResourceTypes and machinedControllers against the release
// boundaries found at the tags, and the ResourceDefinitions `talosctl get rd` shows for the derived types.
import { describe, expect, it } from 'vitest';
import { machinedControllers } from '../../controllers/machined-controllers.js';
import { InMemoryNodeIdentityStore } from '../../controllers/node-identity-controller.js';
import { talosResourceTypes } from '../../resources/talos-resource-types.js';
import {
  constantRandom,
  fillResourceDefinition,
  InMemoryState,
  ResourceDefinitionType,
  ResourceRegistry,
  State,
  VirtualClock,
} from '../../src/cosi/index.js';
import { resolveTalosVersion } from '../../src/extensions/index.js';
import { expectGolden } from '../support/golden.js';
import { nodeRoot, printResources } from './derived-runtime.js';

const typesOf = (version: string) => talosResourceTypes({ version }).map((t) => t.definition.type);

describe('talosResourceTypes', () => {
  const services = ['Services.v1alpha1.talos.dev'];
  const serviceConfigs = [
    'ExtensionServiceConfigs.runtime.talos.dev',
    'ExtensionServiceConfigStatuses.runtime.talos.dev',
  ];
  const servicePids = ['ServicePIDs.runtime.talos.dev'];
  it.each([
    ['v1.2.9', [], []],
    ['v1.3.7', ['NodeLabelSpecs.k8s.talos.dev'], []],
    ['v1.7.0-alpha.0', ['NodeLabelSpecs.k8s.talos.dev'], []],
    ['v1.7.0-alpha.1', ['NodeLabelSpecs.k8s.talos.dev'], serviceConfigs],
    ['v1.8.4', ['NodeLabelSpecs.k8s.talos.dev', 'NodeAnnotationSpecs.k8s.talos.dev'], serviceConfigs],
    [
      'v1.11.0',
      ['NodeLabelSpecs.k8s.talos.dev', 'NodeAnnotationSpecs.k8s.talos.dev', 'SBOMItems.talos.dev'],
      serviceConfigs,
    ],
    [
      'v1.13.0-beta.0',
      ['NodeLabelSpecs.k8s.talos.dev', 'NodeAnnotationSpecs.k8s.talos.dev', 'SBOMItems.talos.dev'],
      serviceConfigs,
    ],
    [
      'v1.13.0-beta.1',
      ['NodeLabelSpecs.k8s.talos.dev', 'NodeAnnotationSpecs.k8s.talos.dev', 'SBOMItems.talos.dev'],
      [...servicePids, ...serviceConfigs],
    ],
    [
      'v1.14.0-alpha.1',
      ['NodeLabelSpecs.k8s.talos.dev', 'NodeAnnotationSpecs.k8s.talos.dev', 'SBOMItems.talos.dev'],
      [...servicePids, ...serviceConfigs],
    ],
    [
      'v1.14.0-alpha.2',
      [
        'NodeLabelSpecs.k8s.talos.dev',
        'NodeAnnotationSpecs.k8s.talos.dev',
        'SBOMItems.talos.dev',
        'ImageFactorySchematics.runtime.talos.dev',
      ],
      [...servicePids, ...serviceConfigs],
    ],
  ])('%s registers the derived and service types it had', (version, derived, serviceTypes) => {
    expect(typesOf(version)).toEqual([
      'ExtensionStatuses.runtime.talos.dev',
      'Identities.cluster.talos.dev',
      'MachineConfigs.config.talos.dev',
      'EtcFileSpecs.files.talos.dev',
      'EtcFileStatuses.files.talos.dev',
      ...derived,
      ...services,
      ...serviceTypes,
    ]);
  });

  it.each([
    ['v1.11.6', false],
    ['v1.12.8', false],
    ['v1.12.9', true],
    ['v1.13.3', false],
    ['v1.13.4', true],
    ['v1.14.0-alpha.1', false],
    ['v1.14.0-alpha.2', true],
    ['v1.15.0', true],
  ])('EtcFileSpec of %s is sensitive: %s', (version, sensitive) => {
    const etc = talosResourceTypes({ version }).find((t) => t.definition.type === 'EtcFileSpecs.files.talos.dev');
    expect(etc?.definition.sensitivity === 'sensitive').toBe(sensitive);
  });

  it('fills the definitions with the aliases cosi derives', () => {
    const rd = (version: string, type: string) =>
      fillResourceDefinition(
        talosResourceTypes({ version }).find((t) => t.definition.type === type)?.definition as never,
      );
    expect(rd('v1.13.0', 'SBOMItems.talos.dev')).toMatchObject({
      displayType: 'SBOMItem',
      defaultNamespace: 'runtime',
      aliases: ['sbom', 'sboms', 'sbomitem', 'sbomi', 'sbomis'],
      allAliases: ['sbomitems', 'sbomitems.talos', 'sbom', 'sboms', 'sbomitem', 'sbomi', 'sbomis'],
    });
    expect(rd('v1.13.0', 'NodeLabelSpecs.k8s.talos.dev')).toMatchObject({
      aliases: ['nodelabelspec', 'nls'],
      sensitivity: 'sensitive',
      printColumns: [{ name: 'Value', jsonPath: '{.value}' }],
    });
    expect(rd('v1.2.9', 'Identities.cluster.talos.dev')).toMatchObject({
      displayType: 'Identity',
      defaultNamespace: 'cluster',
      printColumns: [{ name: 'ID', jsonPath: '{.nodeId}' }],
    });
    expect(rd('v1.14.0-rc.1', 'Identities.cluster.talos.dev').sensitivity).not.toBe('sensitive');
    expect(rd('v1.14.0-rc.1', 'ImageFactorySchematics.runtime.talos.dev').aliases).toEqual([
      'imagefactoryschematic',
      'ifs',
    ]);
  });

  it('prints the definitions of a v1.14.0-rc.1 node as talosctl get rd (table and yaml)', async () => {
    const clock = new VirtualClock(Date.UTC(2024, 7, 9, 3, 7, 41));
    const state = new State(new InMemoryState({ clock, random: constantRandom(0.3) }));
    const registry = new ResourceRegistry(state);
    for (const type of talosResourceTypes({ version: 'v1.14.0-rc.1' })) await registry.registerType(type);
    const rds = await state.list({ namespace: 'meta', type: ResourceDefinitionType.definition.type });
    expectGolden('derived/resource-definitions.table.txt', printResources('table', ResourceDefinitionType, rds));
    const sbom = rds.filter((r) => r.metadata.id === 'sbomitems.talos.dev' || r.metadata.id.startsWith('etcfilespecs'));
    expectGolden('derived/resource-definitions.yaml.txt', printResources('yaml', ResourceDefinitionType, sbom));
  });
});

describe('machinedControllers', () => {
  const names = (version: string) => {
    const { fs, mounts } = nodeRoot({});
    const facts = resolveTalosVersion(version);
    return machinedControllers({
      facts,
      fs,
      identity: { store: new InMemoryNodeIdentityStore(), random: constantRandom(0.5) },
      mounts: { bindReadOnly: (s, t) => void mounts.bind(t, s, { readOnly: true }), unmount: (t) => mounts.unmount(t) },
    }).map((c) => c.name);
  };

  it.each([
    [
      'v1.2.9',
      [
        'cluster.NodeIdentityController',
        'files.CRIConfigPartsController',
        'files.CRIRegistryConfigController',
        'files.EtcFileController',
        'runtime.ExtensionStatusController',
      ],
    ],
    [
      'v1.10.0-alpha.0',
      [
        'cluster.NodeIdentityController',
        'files.CRIConfigPartsController',
        'files.CRIRegistryConfigController',
        'files.EtcFileController',
        'k8s.NodeAnnotationSpecController',
        'k8s.NodeLabelSpecController',
        'runtime.ExtensionStatusController',
      ],
    ],
    [
      'v1.10.0-alpha.1',
      [
        'cluster.NodeIdentityController',
        'files.CRIConfigPartsController',
        'files.CRIRegistryConfigController',
        'files.EtcFileController',
        'files.IQNController',
        'files.NQNController',
        'k8s.NodeAnnotationSpecController',
        'k8s.NodeLabelSpecController',
        'runtime.ExtensionStatusController',
      ],
    ],
    [
      'v1.11.0',
      [
        'cluster.NodeIdentityController',
        'files.CRIConfigPartsController',
        'files.CRIRegistryConfigController',
        'files.EtcFileController',
        'files.IQNController',
        'files.NQNController',
        'k8s.NodeAnnotationSpecController',
        'k8s.NodeLabelSpecController',
        'runtime.ExtensionStatusController',
        'runtime.SBOMItemController',
      ],
    ],
    [
      'v1.14.0-alpha.2',
      [
        'cluster.NodeIdentityController',
        'files.CRIConfigPartsController',
        'files.CRIRegistryConfigController',
        'files.EtcFileController',
        'files.IQNController',
        'files.NQNController',
        'k8s.NodeAnnotationSpecController',
        'k8s.NodeLabelSpecController',
        'runtime.ExtensionStatusController',
        'runtime.ImageFactorySchematicController',
        'runtime.SBOMItemController',
      ],
    ],
    [
      'v1.14.0-rc.1',
      [
        'cluster.NodeIdentityController',
        'files.CRIConfigController',
        'files.EtcFileController',
        'files.IQNController',
        'files.NQNController',
        'k8s.NodeAnnotationSpecController',
        'k8s.NodeLabelSpecController',
        'runtime.ExtensionStatusController',
        'runtime.ImageFactorySchematicController',
        'runtime.SBOMItemController',
      ],
    ],
  ])('%s runs the controllers it had', (version, expected) => {
    expect(names(version)).toEqual(expected);
  });
});
