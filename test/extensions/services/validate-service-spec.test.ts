// services_test.go TestValidate, with upstream's exact multierror texts, plus the rules one at a time.
import { describe, expect, it } from 'vitest';
import {
  isServiceSpecError,
  newServiceSpec,
  RestartKind,
  type ServiceSpecError,
  serviceSpecProblems,
  validateServiceSpec,
} from '../../../src/extensions/services/index.js';
import { thrown } from '../../support/errors.js';

describe('validateServiceSpec (TestValidate)', () => {
  it('rejects the empty spec with three errors', () => {
    const err = thrown<ServiceSpecError>(() => validateServiceSpec(newServiceSpec()));
    expect(isServiceSpecError(err)).toBe(true);
    expect(err.kind).toBe('invalid');
    expect(err.message).toBe(
      '3 errors occurred:\n\t* name "" is invalid\n\t* restart kind is invalid: RestartKind(0)\n\t* container endpoint can\'t be empty\n\n',
    );
  });

  it('rejects an upper-case name with one error', () => {
    const spec = newServiceSpec({ name: 'FOO', container: { entrypoint: 'foo' }, restart: RestartKind.always });
    expect(thrown(() => validateServiceSpec(spec)).message).toBe('1 error occurred:\n\t* name "FOO" is invalid\n\n');
  });

  it('reports every bad dependency in order', () => {
    const spec = newServiceSpec({
      name: 'foo',
      container: { entrypoint: 'foo' },
      depends: [{}, { path: './somefile' }, { network: [0] }, { network: [1], path: '/foo' }],
      restart: RestartKind.always,
    });
    expect(thrown(() => validateServiceSpec(spec)).message).toBe(
      '4 errors occurred:\n\t* no dependency specified\n\t* path is not absolute: "./somefile"\n\t* invalid network dependency: Status(0)\n\t* more than a single dependency is set\n\n',
    );
  });

  it('accepts each single dependency kind and checks nothing else', () => {
    const spec = newServiceSpec({
      name: 'a_b-1',
      container: { entrypoint: '/does/not/exist', environment: ['not an assignment'] },
      depends: [
        { service: 'no-such-service' },
        { path: '/x' },
        { network: [4] },
        { time: true },
        { configuration: true },
      ],
      restart: RestartKind.untilSuccess,
    });
    expect(serviceSpecProblems(spec)).toEqual([]);
    expect(() => validateServiceSpec(spec)).not.toThrow();
  });

  it.each([
    ['', 'name "" is invalid'],
    ['a.b', 'name "a.b" is invalid'],
    ['a/b', 'name "a/b" is invalid'],
    ['tab\there', 'name "tab\\there" is invalid'],
  ])('quotes the invalid name %j as Go %%q does', (name, problem) => {
    const spec = newServiceSpec({ name, container: { entrypoint: 'x' }, restart: 1 });
    expect(serviceSpecProblems(spec)).toEqual([problem]);
  });

  it('names an out-of-range restart kind by number', () => {
    const spec = newServiceSpec({ name: 'x', container: { entrypoint: 'x' }, restart: 7 });
    expect(serviceSpecProblems(spec)).toEqual(['restart kind is invalid: RestartKind(7)']);
  });

  it('counts time: false and configuration: false as not set', () => {
    const spec = newServiceSpec({
      name: 'x',
      container: { entrypoint: 'x' },
      depends: [{ time: false, configuration: false }],
      restart: 1,
    });
    expect(serviceSpecProblems(spec)).toEqual(['no dependency specified']);
  });
});
