// Controllers used by the runtime tests, modelled on cosi's conformance controllers.
import {
  type Controller,
  type Input,
  isNotFound,
  type Logger,
  newResource,
  type Output,
  type Runtime,
} from '../../../src/cosi/index.js';
import { TYPE as INT_TYPE, type IntSpec, NS } from './fixtures.js';

export const STR_TYPE = 'StrResources.test.cosi.dev';

export interface StrSpec {
  value: string;
}

/** Int → Str, with the canonical teardown pattern: Strong input + DestroyReady on its own output. */
export class IntToStrController implements Controller {
  readonly name = 'test.IntToStrController';
  reconciles = 0;

  inputs(): Input[] {
    return [
      { namespace: NS, type: INT_TYPE, kind: 'strong' },
      { namespace: NS, type: STR_TYPE, kind: 'destroyReady' },
    ];
  }

  outputs(): Output[] {
    return [{ type: STR_TYPE, kind: 'exclusive' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      this.reconciles++;
      for (const input of await r.list({ namespace: NS, type: INT_TYPE })) {
        const out = { namespace: NS, type: STR_TYPE, id: input.metadata.id };
        if (input.metadata.phase === 'running') {
          await r.addFinalizer(input.metadata, this.name);
          await r.modify<StrSpec>(newResource(NS, STR_TYPE, input.metadata.id, { value: '' }), (s) => {
            s.spec.value = String((input.spec as IntSpec).value);
          });
          continue;
        }
        let ready = true;
        try {
          ready = await r.teardown(out);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        if (!ready) continue;
        try {
          await r.destroy(out);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        await r.removeFinalizer(input.metadata, this.name);
      }
      r.resetRestartBackoff();
    }
  }
}

/** A controller whose run is scripted by the test. */
export class ScriptedController implements Controller {
  constructor(
    readonly name: string,
    private readonly ins: Input[],
    private readonly outs: Output[],
    private readonly body: (r: Runtime, logger: Logger) => Promise<void>,
  ) {}
  inputs(): Input[] {
    return this.ins;
  }
  outputs(): Output[] {
    return this.outs;
  }
  run(r: Runtime, logger: Logger): Promise<void> {
    return this.body(r, logger);
  }
}

/** The kind `<name>s.test.cosi.dev` in the test namespace. */
export function letterKind(name: string): { readonly namespace: string; readonly type: string } {
  return { namespace: NS, type: `${name}s.test.cosi.dev` };
}

/**
 * `test.<to>`: at every event, writes resource `x` of kind `to` with the spec `derive` makes of kind `from`'s `x`
 * (undefined while there is none: nothing is written).
 */
export function copyingController(
  from: string,
  to: string,
  derive: (spec: object | undefined) => object | undefined,
): ScriptedController {
  return new ScriptedController(
    `test.${to}`,
    [{ ...letterKind(from), kind: 'weak' }],
    [{ type: letterKind(to).type, kind: 'exclusive' }],
    async (r) => {
      while (await r.nextEvent()) {
        const [source] = await r.list(letterKind(from));
        const spec = derive(source?.spec as object | undefined);
        if (spec === undefined) continue;
        await r.modify(newResource(NS, letterKind(to).type, 'x', {}), (res) => {
          res.spec = spec;
        });
      }
    },
  );
}
