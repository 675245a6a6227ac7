import { describe, expect, it } from 'vitest';
import { isAccessError, newResource, type Output, type Runtime } from '../../src/cosi/index.js';
import { IntToStrController, ScriptedController, STR_TYPE } from './conformance/controllers.js';
import { intResource, KIND, NS, ptr, TYPE } from './conformance/fixtures.js';
import { runtimeSetup } from './conformance/runtime-setup.js';

describe('ControllerRuntime', () => {
  describe('access control', () => {
    const attempt = (body: (r: Runtime) => Promise<unknown>) =>
      new ScriptedController(
        'test.NosyController',
        [
          { namespace: NS, type: TYPE, kind: 'weak' },
          { namespace: NS, type: 'Other.test.cosi.dev', id: 'one', kind: 'strong' },
        ],
        [{ type: STR_TYPE, kind: 'shared' }],
        async (r) => {
          await r.nextEvent();
          await body(r);
        },
      );

    it.each([
      [
        'create of a non-output',
        (r: Runtime) => r.create(intResource('a')),
        'resource "default"/"IntResources.test.cosi.dev" is not an output for controller "test.NosyController", create attempted on "a"',
      ],
      [
        'update of a non-output (cosi says "create")',
        (r: Runtime) => r.update(intResource('a')),
        'resource "default"/"IntResources.test.cosi.dev" is not an output for controller "test.NosyController", create attempted on "a"',
      ],
      [
        'modify of a non-output',
        (r: Runtime) => r.modify(intResource('a'), () => {}),
        'resource "default"/"IntResources.test.cosi.dev" is not an output for controller "test.NosyController", update attempted on "a"',
      ],
      [
        'teardown of a non-output',
        (r: Runtime) => r.teardown(ptr('a')),
        'resource "default"/"IntResources.test.cosi.dev" is not an output for controller "test.NosyController", teardown attempted on "a"',
      ],
      [
        'destroy of a non-output',
        (r: Runtime) => r.destroy(ptr('a')),
        'resource "default"/"IntResources.test.cosi.dev" is not an output for controller "test.NosyController", destroy attempted on "a"',
      ],
      [
        'read of an undeclared kind',
        (r: Runtime) => r.list({ namespace: 'other', type: TYPE }),
        'attempt to query resource "other"/"IntResources.test.cosi.dev", not input or output for controller "test.NosyController"',
      ],
      [
        'list of a kind declared only for one id',
        (r: Runtime) => r.list({ namespace: NS, type: 'Other.test.cosi.dev' }),
        'attempt to query resource "default"/"Other.test.cosi.dev", not input or output for controller "test.NosyController"',
      ],
      [
        'finalizer on a weak input',
        (r: Runtime) => r.addFinalizer(ptr('a'), 'x'),
        'attempt to change finalizers for resource "default"/"IntResources.test.cosi.dev", not an input with Strong dependency for controller "test.NosyController"',
      ],
    ])('refuses %s and writes nothing', async (_name, body, message) => {
      const { runtime, state } = runtimeSetup();
      await state.create(intResource('a', 1));
      runtime.registerController(attempt(body));
      runtime.start();
      await runtime.settle();
      const error = runtime.controllers()[0]?.lastError;
      expect(error?.message).toBe(message);
      expect(isAccessError(error)).toBe(true);
      const [a] = await state.list(KIND);
      expect([a?.metadata.version, a?.metadata.finalizers, a?.metadata.phase]).toEqual([1, [], 'running']);
      await runtime.stop();
    });

    it('allows reading the one id an id-scoped input names', async () => {
      const { runtime, state } = runtimeSetup();
      await state.create(newResource(NS, 'Other.test.cosi.dev', 'one', {}));
      let found = '';
      runtime.registerController(
        attempt(async (r) => {
          found = (await r.get({ namespace: NS, type: 'Other.test.cosi.dev', id: 'one' })).metadata.id;
        }),
      );
      runtime.start();
      await runtime.settle();
      expect(found).toBe('one');
      await runtime.stop();
    });
  });

  describe('registration', () => {
    const exclusive = (name: string) =>
      new ScriptedController(name, [], [{ type: STR_TYPE, kind: 'exclusive' }], async () => {});

    it('refuses conflicting outputs, duplicate inputs and names with cosi texts, leaving the graph unchanged', () => {
      const { runtime } = runtimeSetup();
      runtime.registerController(exclusive('test.A'));
      const before = runtime.dependencyGraph();
      expect(() => runtime.registerController(exclusive('test.A'))).toThrow('controller "test.A" already registered');
      expect(() => runtime.registerController(exclusive('test.B'))).toThrow(
        'error initializing controller "test.B" adapter: error registering in dependency database: resource "StrResources.test.cosi.dev" is already managed in exclusive mode by "test.A"',
      );
      const shared = (name: string, outs: Output[] = [{ type: 'Shared.test.cosi.dev', kind: 'shared' }]) =>
        new ScriptedController(name, [], outs, async () => {});
      runtime.registerController(shared('test.S1'));
      expect(() =>
        runtime.registerController(shared('test.C', [{ type: 'Shared.test.cosi.dev', kind: 'exclusive' }])),
      ).toThrow('resource "Shared.test.cosi.dev" is already managed in shared mode by "test.S1"');
      expect(() =>
        runtime.registerController(
          shared('test.S2', [
            { type: 'Shared.test.cosi.dev', kind: 'shared' },
            { type: 'Shared.test.cosi.dev', kind: 'shared' },
          ]),
        ),
      ).toThrow('duplicate shared controller output: "Shared.test.cosi.dev" -> "test.S2"');
      expect(() =>
        runtime.registerController(
          new ScriptedController(
            'test.D',
            [
              { ...KIND, kind: 'weak' },
              { ...KIND, kind: 'strong' },
            ],
            [],
            async () => {},
          ),
        ),
      ).toThrow(
        'error initializing controller "test.D" adapter: error registering initial inputs: error adding controller dependency: duplicate controller input: "test.D" -> {default IntResources.test.cosi.dev { false} 1}',
      );
      const after = runtime.dependencyGraph().filter((e) => e.controllerName !== 'test.S1');
      expect(after).toEqual(before);
      expect(runtime.controllers().map((c) => c.name)).toEqual(['test.A', 'test.S1']);
    });

    it('exports the dependency graph', () => {
      const { runtime } = runtimeSetup();
      runtime.registerController(new IntToStrController());
      expect(runtime.dependencyGraph()).toEqual([
        {
          controllerName: 'test.IntToStrController',
          edgeType: 'OutputExclusive',
          resourceNamespace: '',
          resourceType: STR_TYPE,
          resourceId: '',
        },
        {
          controllerName: 'test.IntToStrController',
          edgeType: 'InputStrong',
          resourceNamespace: NS,
          resourceType: TYPE,
          resourceId: '',
        },
        {
          controllerName: 'test.IntToStrController',
          edgeType: 'InputDestroyReady',
          resourceNamespace: NS,
          resourceType: STR_TYPE,
          resourceId: '',
        },
      ]);
    });
  });
});
