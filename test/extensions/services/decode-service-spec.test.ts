// services_test.go TestUnmarshal and the decode failures the ExtensionServiceController logs, per go-yaml release.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeServiceSpec,
  isServiceSpecError,
  NetworkStatus,
  newServiceSpec,
  RestartKind,
  type ServiceSpecError,
  validateServiceSpec,
} from '../../../src/extensions/services/index.js';
import type { YamlFlavour } from '../../../src/goyaml/index.js';
import { thrown } from '../../support/errors.js';

const HELLO = `name: hello
container:
  entrypoint: hello-world
  args:
    - --development
    - --log=debug
  mounts:
    - source: /var/lib/example
      destination: /var/lib/example
      type: bind
      options:
        - rbind
        - ro
depends:
  - service: cri
  - path: /system/run/machined/machined.sock
  - network:
    - addresses
restart: never
`;

// testdata/extservices/invalid.yaml of the controller test
const INVALID = `name: invalid
container:
  entrypoint: ./hello-world
  args:
    - --msg
    - Talos Linux Extension Service
depends:
  - nothing: true
restart: random
`;

const yamlError = (text: string, flavour?: YamlFlavour): string => {
  const err = thrown<ServiceSpecError>(() => decodeServiceSpec(text, flavour === undefined ? {} : { flavour }));
  expect(isServiceSpecError(err)).toBe(true);
  expect(err.kind).toBe('decode');
  expect(err.message.startsWith('error unmarshalling extension service config: ')).toBe(true);
  return err.message.slice('error unmarshalling extension service config: '.length);
};

describe('decodeServiceSpec (TestUnmarshal)', () => {
  it('decodes testdata/hello.yaml field by field and validates it', () => {
    const spec = decodeServiceSpec(HELLO);
    expect(spec).toEqual(
      newServiceSpec({
        name: 'hello',
        container: {
          entrypoint: 'hello-world',
          args: ['--development', '--log=debug'],
          mounts: [
            { destination: '/var/lib/example', type: 'bind', source: '/var/lib/example', options: ['rbind', 'ro'] },
          ],
        },
        depends: [
          { service: 'cri' },
          { path: '/system/run/machined/machined.sock' },
          { network: [NetworkStatus.addresses] },
        ],
        restart: RestartKind.never,
      }),
    );
    expect(() => validateServiceSpec(spec)).not.toThrow();
  });

  it('keeps nil and empty lists apart (maskedPaths: [] clears the defaults)', () => {
    const spec = decodeServiceSpec(
      'name: x\ncontainer:\n  entrypoint: ./x\n  security:\n    maskedPaths: []\n    readonlyPaths:\nrestart: always\n',
    );
    expect(spec.container.security.maskedPaths).toEqual([]);
    expect(spec.container.security.readonlyPaths).toBeUndefined();
    expect(spec.container.args).toBeUndefined();
  });

  it('decodes restart and network values case-insensitively', () => {
    const spec = decodeServiceSpec(
      'restart: UntilSuccess\ndepends:\n  - network: [ADDRESSES, Connectivity, hostname, EtcFiles]\n',
    );
    expect(spec.restart).toBe(RestartKind.untilSuccess);
    expect(spec.depends?.[0]?.network).toEqual([1, 2, 3, 4]);
  });

  it('leaves restart 0 when the key is missing, which validation rejects', () => {
    expect(decodeServiceSpec('name: x\n').restart).toBe(0);
  });

  it('reads only the first document and ignores unknown keys', () => {
    const spec = decodeServiceSpec(
      'name: one\nnothing: true\ncontainer: {entrypoint: ./a, bogus: 1}\n---\nname: two\n',
    );
    expect(spec.name).toBe('one');
    expect(spec.container.entrypoint).toBe('./a');
  });

  it('stores any scalar text in a string field and takes YAML 1.1 booleans for bools', () => {
    const spec = decodeServiceSpec(
      'name: 0x10\ncontainer:\n  entrypoint: 1.10\n  security: {writeableRootfs: yes, writeableSysfs: Off}\nlogToConsole: true\n',
    );
    expect(spec.name).toBe('0x10');
    expect(spec.container.entrypoint).toBe('1.10');
    expect(spec.container.security.writeableRootfs).toBe(true);
    expect(spec.container.security.writeableSysfs).toBe(false);
    expect(spec.logToConsole).toBe(true);
  });

  it('decodes the lower-cased OCI mount keys go-yaml derives (uidmappings, not uidMappings)', () => {
    const spec = decodeServiceSpec(
      'container:\n  mounts:\n    - destination: /a\n      uidmappings: [{containerid: 0, hostid: 1000, size: 1}]\n      gidMappings: [{size: 9}]\n',
    );
    expect(spec.container.mounts?.[0]).toEqual({
      destination: '/a',
      type: '',
      source: '',
      uidMappings: [{ containerID: 0, hostID: 1000, size: 1 }],
    });
  });
});

describe('decode errors, as each Talos release reports them', () => {
  it('returns the bare UnmarshalText error with yaml.v3 (Talos v1.11)', () => {
    expect(yamlError(INVALID, 'v3')).toBe('random does not belong to RestartKind values');
  });

  it('collects it with its line from go-yaml v4 on (v1.12 rc.3, v1.13 rc.4, v1.14 rc.6)', () => {
    expect(yamlError(INVALID, 'rc3')).toBe(
      'yaml: unmarshal errors:\n  line 9: random does not belong to RestartKind values',
    );
    expect(yamlError(INVALID, 'rc4')).toBe(
      'yaml: construct errors:\n  line 9: random does not belong to RestartKind values',
    );
    expect(yamlError(INVALID, 'rc6')).toBe(
      'yaml: construct errors: line 9: random does not belong to RestartKind values',
    );
  });

  it('reports an unknown network status as a Status decode error', () => {
    expect(yamlError('depends:\n  - network: [addresses, wifi]\n', 'rc6')).toBe(
      'yaml: construct errors: line 2: wifi does not belong to Status values',
    );
    expect(yamlError('depends:\n  - network: [wifi]\n', 'v3')).toBe('wifi does not belong to Status values');
  });

  it('reports type mismatches with the Go types', () => {
    const doc = 'name: [a]\ncontainer:\n  args: foo\n  security: {writeableRootfs: maybe}\ndepends: {service: x}\n';
    expect(yamlError(doc, 'v3')).toBe(
      'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into string\n  line 3: cannot unmarshal !!str `foo` into []string\n  line 4: cannot unmarshal !!str `maybe` into bool\n  line 5: cannot unmarshal !!map into []services.Dependency',
    );
    expect(yamlError(doc, 'rc6')).toBe(
      'yaml: construct errors: line 1: cannot construct !!seq into string; line 3: cannot construct !!str `foo` into []string; line 4: cannot construct !!str `maybe` into bool; line 5: cannot construct !!map into []services.Dependency',
    );
  });

  it('refuses a collection for an enum as each release does', () => {
    expect(yamlError('restart: [always]\n', 'rc3')).toBe(
      'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into services.RestartKind',
    );
    expect(yamlError('restart: [always]\n', 'rc4')).toBe(
      'yaml: construct errors:\n  line 1: cannot construct !!seq into services.RestartKind (TextUnmarshaler)',
    );
  });

  it('truncates long values in type errors as go-yaml does', () => {
    expect(yamlError('logToConsole: absolutely-not\n', 'rc6')).toBe(
      'yaml: construct errors: line 1: cannot construct !!str `absolut...` into bool',
    );
  });

  it('reports duplicate keys at the later line', () => {
    expect(yamlError('name: a\nrestart: always\nname: b\n', 'rc3')).toBe(
      'yaml: unmarshal errors:\n  line 3: mapping key "name" already defined at line 1',
    );
  });

  it('reports an empty stream as EOF', () => {
    expect(yamlError('', 'v3')).toBe('EOF');
    expect(yamlError('# only a comment\n', 'rc6')).toBe('EOF');
  });

  it('frames syntax errors as go-yaml does', () => {
    expect(yamlError('name: [a\n', 'v3')).toMatch(/^yaml: line \d+: /);
    expect(yamlError('name: [a\n', 'rc6')).toMatch(/^go-yaml load error in parser at L\d+\.C\d+: /);
  });

  it('reports invalid UTF-8', () => {
    expect(yamlError(new Uint8Array([0x6e, 0x3a, 0x20, 0xff]) as never, 'rc6')).toBe(
      'go-yaml load error in reader at <unknown position>: invalid leading UTF-8 octet (value: 255)',
    );
  });

  it('never fails with anything but a ServiceSpecError (property)', () => {
    const runs = Number(process.env.FC_NUM_RUNS ?? 200);
    const token = fc.constantFrom(
      'name:',
      'restart:',
      'container:',
      'depends:',
      'network:',
      '- ',
      '  ',
      '[',
      ']',
      '{',
      '}',
      '&a',
      '*a',
      '<<:',
      'always',
      '!!int',
      '"',
      "'",
      '\n',
      'x',
      ':',
      ',',
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }),
        fc.constantFrom<YamlFlavour>('v3', 'rc3', 'rc4', 'rc6'),
        (parts, flavour) => {
          try {
            decodeServiceSpec(parts.join(''), { flavour });
          } catch (err) {
            expect(isServiceSpecError(err)).toBe(true);
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
