// Validation of the v1alpha1 document as Talos's Config.Validate and RuntimeValidate do it, for the rules a simulated
// node models (v1alpha1_validation.go at the tags named).
import { describe, expect, it } from 'vitest';
import { parseMachineConfig, validateMachineConfig } from '../../src/index.js';

const validate = (text: string, talosVersion: string) =>
  validateMachineConfig(parseMachineConfig(text, { talosVersion }), talosVersion);
const OLD_DOCS = 'https://www.talos.dev/latest/talos-guides/install/boot-assets/';
const NEW_DOCS = 'https://docs.siderolabs.com/talos/latest/platform-specific-installations/boot-assets';
const deprecated = (docs: string) => `.machine.install.extensions is deprecated, please see ${docs}`;
const withExtensions = (...images: string[]) =>
  `version: v1alpha1\nmachine:\n  type: worker\n  install:\n    extensions:\n${images.map((i) => `      - image: ${i}\n`).join('')}`;

describe('validateMachineConfig', () => {
  it('requires the machine section, and then checks nothing else', () => {
    expect(validate('version: v1alpha1\ncluster: {}\npersist: false\n', 'v1.13.9')).toEqual({
      errors: ['machine instructions are required'],
      warnings: [],
    });
  });

  it('has nothing to say about a config of valid documents without the v1alpha1 document', () => {
    const text = 'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut-client\nenvironment: [A=b]\n';
    expect(validate(text, 'v1.13.9')).toEqual({ errors: [], warnings: [] });
  });

  it('checks ExtensionServiceConfig documents after the v1alpha1 one, each error prefixed with the document id', () => {
    const service = (body: string) => `---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\n${body}`;
    const text =
      'version: v1alpha1\nmachine:\n  type: database\n' +
      service('environment: [A=b]\n') +
      service('name: x\n') +
      service('name: y\nconfigFiles:\n  - content: hi\n') +
      service('name: z\nconfigFiles:\n  - mountPath: /etc/z\n') +
      service('name: ok\nconfigFiles:\n  - content: hi\n    mountPath: relative/is/fine\n');
    expect(validate(text, 'v1.13.9').errors).toEqual([
      'unknown machine type "database"',
      'ExtensionServiceConfig/: name is required',
      'ExtensionServiceConfig/x: no config files found for extension "x"',
      'ExtensionServiceConfig/y: extension mount path is required for extension "y"',
      'ExtensionServiceConfig/z: extension content is required for extension "z"',
    ]);
  });

  it('reads the machine type as machine.ParseType does: "" and join are worker, with a warning', () => {
    expect(validate('machine: {}\n', 'v1.0.6').warnings).toEqual(['use "worker" instead of "" for machine type']);
    expect(validate('machine: { type: join }\n', 'v1.13.9').warnings).toEqual([
      'use "worker" instead of "join" for machine type',
    ]);
    for (const type of ['init', 'controlplane', 'worker']) {
      expect(validate(`machine: { type: ${type} }\n`, 'v1.13.9')).toEqual({ errors: [], warnings: [] });
    }
    for (const type of ['foo', 'unknown', 'Worker']) {
      expect(validate(`machine: { type: ${type} }\n`, 'v1.13.9')).toEqual({
        errors: [`unknown machine type "${type}"`],
        warnings: [],
      });
    }
  });

  it('refuses a repeated install extension in every release, in list order', () => {
    expect(validate(withExtensions('a:1', 'b:1', 'a:1', 'b:1'), 'v1.0.6').errors).toEqual([
      'duplicate system extension "a:1"',
      'duplicate system extension "b:1"',
    ]);
  });

  it('warns about install extensions from v1.6, twice from v1.10 (Validate, then RuntimeValidate)', () => {
    expect(validate(withExtensions('a:1'), 'v1.5.5').warnings).toEqual([]);
    expect(validate(withExtensions('a:1'), 'v1.6.0').warnings).toEqual([deprecated(OLD_DOCS)]);
    expect(validate(withExtensions('a:1'), 'v1.9.6').warnings).toEqual([deprecated(OLD_DOCS)]);
    expect(validate(withExtensions('a:1'), 'v1.10.0').warnings).toEqual([deprecated(OLD_DOCS), deprecated(OLD_DOCS)]);
    expect(validate(withExtensions('a:1'), 'v1.13.9').warnings).toEqual([deprecated(NEW_DOCS), deprecated(NEW_DOCS)]);
  });

  it('requires .persist from v1.6, after the other errors', () => {
    const text = 'version: v1alpha1\npersist: false\nmachine:\n  type: bogus\n';
    expect(validate(text, 'v1.5.5').errors).toEqual(['unknown machine type "bogus"']);
    expect(validate(text, 'v1.6.8').errors).toEqual(['unknown machine type "bogus"', '.persist should be enabled']);
    expect(validate('persist: true\nmachine: { type: worker }\n', 'v1.13.9').errors).toEqual([]);
  });

  it('warns about .machine.files and .machine.baseRuntimeSpecOverrides from v1.14, before anything else', () => {
    const text =
      'machine:\n  files: [{ path: /var/f, content: x, op: create }]\n  baseRuntimeSpecOverrides: { process: {} }\n';
    expect(validate(text, 'v1.13.9').warnings).toEqual(['use "worker" instead of "" for machine type']);
    expect(validate(text, 'v1.14.0-rc.1').warnings).toEqual([
      '.machine.files is deprecated; use dedicated configuration documents instead',
      '.machine.baseRuntimeSpecOverrides is deprecated; use a CRIBaseRuntimeSpecConfig document instead',
      'use "worker" instead of "" for machine type',
    ]);
  });
});
