import { describe, expect, it } from 'vitest';
import {
  fillResourceDefinition,
  type ResourceDefinitionSpec,
  resolveResourceType,
  TypeResolutionError,
} from '../../src/cosi/index.js';
import { thrown } from '../support/errors.js';

const rds: ResourceDefinitionSpec[] = [
  fillResourceDefinition({ type: 'EncryptionSalts.secrets.talos.dev', defaultNamespace: 'secrets' }),
  fillResourceDefinition({ type: 'EtcdSecrets.secrets.talos.dev', defaultNamespace: 'secrets' }),
  fillResourceDefinition({
    type: 'ExtensionStatuses.runtime.talos.dev',
    defaultNamespace: 'runtime',
    aliases: ['extensions'],
  }),
  fillResourceDefinition({ type: 'Namespaces.meta.cosi.dev', defaultNamespace: 'meta', aliases: ['ns'] }),
];

describe('resolveResourceType (talosctl get <type>)', () => {
  it.each([
    'extensions',
    'ExtensionStatus',
    'extensionstatuses.runtime',
    'EXTENSIONSTATUSES.RUNTIME.TALOS.DEV',
    'extensionstatuses.runtime.talos.dev',
  ])('resolves %s to ExtensionStatuses', (arg) => {
    expect(resolveResourceType(rds, arg).type).toBe('ExtensionStatuses.runtime.talos.dev');
  });

  it('reports an ambiguous acronym with every matching RD id, in RD id order', () => {
    const err = thrown(() => resolveResourceType(rds, 'es'));
    expect(err).toBeInstanceOf(TypeResolutionError);
    expect(err.message).toBe(
      'resource type "es" is ambiguous: [encryptionsalts.secrets.talos.dev etcdsecrets.secrets.talos.dev extensionstatuses.runtime.talos.dev]',
    );
    expect((err as TypeResolutionError).code).toBe('InvalidArgument');
  });

  it('reports an unknown type as not registered', () => {
    const err = thrown(() => resolveResourceType(rds, 'foo'));
    expect(err.message).toBe('resource "foo" is not registered');
    expect((err as TypeResolutionError).kind).toBe('notRegistered');
    expect((err as TypeResolutionError).code).toBe('NotFound');
  });
});
