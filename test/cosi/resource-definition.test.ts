import { describe, expect, it } from 'vitest';
import {
  fillResourceDefinition,
  isPlural,
  ResourceDefinitionError,
  resourceDefinitionId,
  singular,
} from '../../src/cosi/index.js';

describe('ResourceDefinition', () => {
  describe('when filled from a valid type', () => {
    it('derives ExtensionStatus display type, aliases and all aliases as Talos has them', () => {
      const rd = fillResourceDefinition({
        type: 'ExtensionStatuses.runtime.talos.dev',
        defaultNamespace: 'runtime',
        aliases: ['extensions'],
        printColumns: [
          { name: 'Name', jsonPath: '{.metadata.name}' },
          { name: 'Version', jsonPath: '{.metadata.version}' },
        ],
      });
      expect(rd.displayType).toBe('ExtensionStatus');
      expect(rd.aliases).toEqual(['extensions', 'extensionstatus', 'es']);
      expect(rd.allAliases).toEqual([
        'extensionstatuses',
        'extensionstatuses.runtime',
        'extensionstatuses.runtime.talos',
        'extensions',
        'extensionstatus',
        'es',
      ]);
      expect(resourceDefinitionId(rd.type)).toBe('extensionstatuses.runtime.talos.dev');
      expect(rd.sensitivity).toBeUndefined();
      expect(Object.keys(rd)).toEqual([
        'type',
        'displayType',
        'defaultNamespace',
        'aliases',
        'allAliases',
        'printColumns',
      ]);
    });

    it('derives the meta types like cosi (ResourceDefinitions, Namespaces)', () => {
      const rd = fillResourceDefinition({
        type: 'ResourceDefinitions.meta.cosi.dev',
        defaultNamespace: 'meta',
        aliases: ['api-resources'],
      });
      expect(rd.aliases).toEqual(['api-resources', 'resourcedefinition', 'rd', 'rds']);
      expect(rd.allAliases).toEqual([
        'resourcedefinitions',
        'resourcedefinitions.meta',
        'resourcedefinitions.meta.cosi',
        'api-resources',
        'resourcedefinition',
        'rd',
        'rds',
      ]);
      const ns = fillResourceDefinition({
        type: 'Namespaces.meta.cosi.dev',
        defaultNamespace: 'meta',
        aliases: ['ns'],
      });
      expect(ns.displayType).toBe('Namespace');
      expect(ns.aliases).toEqual(['ns', 'namespace']);
      expect(ns.allAliases).toEqual(['namespaces', 'namespaces.meta', 'namespaces.meta.cosi', 'ns', 'namespace']);
    });

    it('keeps only the explicit aliases when automatic aliases are skipped', () => {
      const rd = fillResourceDefinition({
        type: 'ResourceDefinitions.meta.cosi.dev',
        defaultNamespace: 'meta',
        aliases: ['api-resources'],
        skipAutomaticAliases: true,
      });
      expect(rd.displayType).toBe('ResourceDefinition');
      expect(rd.aliases).toEqual(['api-resources']);
      expect(rd.allAliases).toEqual(['api-resources']);
      expect(rd.skipAutomaticAliases).toBe(true);
    });

    it('adds no plural acronym when the acronym already ends in S', () => {
      const rd = fillResourceDefinition({ type: 'EtcdSecrets.secrets.talos.dev', defaultNamespace: 'secrets' });
      expect(rd.aliases).toEqual(['etcdsecret', 'es']);
      const links = fillResourceDefinition({ type: 'LinkStatuses.net.talos.dev', defaultNamespace: 'network' });
      expect(links.aliases).toEqual(['linkstatus', 'ls']);
      const mc = fillResourceDefinition({ type: 'MachineConfigs.config.talos.dev', defaultNamespace: 'config' });
      expect(mc.aliases).toEqual(['machineconfig', 'mc', 'mcs']);
    });
  });

  describe('when the type is invalid', () => {
    it.each([
      ['', 'missing suffix'],
      ['.', 'name is empty'],
      ['a.', 'suffix is empty'],
      ['test.cosi.dev', 'name should be in CamelCase'],
      ['1Test.cosi.dev', 'name doesn\'t match "^[A-Z][A-Za-z0-9-]+$"'],
      ['Test.cosi_dev', 'suffix doesn\'t match "^[a-z][a-z0-9-]+(\\\\.[a-z][a-z0-9-]+)*$"'],
      ['Test.cosi.dev', 'name should be plural'],
    ])('refuses %j with %j', (type, message) => {
      expect(() => fillResourceDefinition({ type, defaultNamespace: 'ns' })).toThrow(
        new ResourceDefinitionError(message),
      );
    });

    it('refuses an unknown sensitivity', () => {
      expect(() =>
        fillResourceDefinition({ type: 'Tests.cosi.dev', defaultNamespace: 'ns', sensitivity: 'secret' as never }),
      ).toThrow('unknown sensitivity "secret"');
    });
  });
});

describe('pluralization (go-pluralize rules)', () => {
  it.each([
    ['ExtensionStatuses', 'ExtensionStatus'],
    ['Namespaces', 'Namespace'],
    ['ResourceDefinitions', 'ResourceDefinition'],
    ['AddressSpecs', 'AddressSpec'],
    ['EncryptionSalts', 'EncryptionSalt'],
    ['LinkStatuses', 'LinkStatus'],
    ['Routes', 'Route'],
    ['Identities', 'Identity'],
    ['Policies', 'Policy'],
    ['Addresses', 'Address'],
    ['Processes', 'Process'],
    ['SystemInformations', 'SystemInformation'],
    ['Statuses', 'Status'],
  ])('singularizes %s to %s and recognises it as plural', (plural, single) => {
    expect(isPlural(plural)).toBe(true);
    expect(singular(plural)).toBe(single);
  });

  it.each(['Test', 'Status', 'Extension', 'Node', 'CPUs'])('does not take %s for a plural', (word) => {
    expect(isPlural(word)).toBe(false);
  });

  it('treats uncountable words as plural and keeps them', () => {
    expect(isPlural('Hardware')).toBe(true);
    expect(singular('Firmware')).toBe('Firmware');
  });
});
