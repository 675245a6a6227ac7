// One error convention across the package root: every error class it exports comes with an `is<Name>` predicate.
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const exported = api as unknown as Record<string, unknown>;
const errorClasses = Object.entries(exported).filter(
  ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
);

describe('errors exported from talos-sim', () => {
  it('include the errors the API documents as thrown', () => {
    const names = errorClasses.map(([name]) => name);
    for (const name of [
      'TalosVersionError',
      'ImagerError',
      'MachineConfigError',
      'NodeLifecycleError',
      'ScenarioError',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(errorClasses.map(([name]) => name))('%s has a predicate', (name) => {
    expect(typeof exported[`is${name}`]).toBe('function');
  });
});
