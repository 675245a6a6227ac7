// The composition root: the only place that knows inversify. Everything is wired with explicit
// tokens and factories (no decorator metadata), so tests and embedders can rebind any part.
import { Container } from 'inversify';
import { ExtensionStatusController } from '../../controllers/extension-status-controller.js';
import { ControllerRuntime, InMemoryState, State, TALOS_HISTORY } from '../cosi/index.js';
import { mountNodeFilesystem } from './node-filesystem.js';
import { resolveNodeOptions, type TalosNodeOptions } from './node-options.js';
import { TalosNode } from './talos-node.js';
import { buildTalosRootfs } from './talos-rootfs.js';
import { TOKENS } from './tokens.js';

/**
 * A container for one node; rebind TOKENS.Clock, TOKENS.Logger, TOKENS.CoreState… before
 * `await container.getAsync(TOKENS.TalosNode)` (mounting the layer images is asynchronous).
 */
export function createNodeContainer(options: TalosNodeOptions = {}): Container {
  const opts = resolveNodeOptions(options);
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Options).toConstantValue(opts);
  c.bind(TOKENS.Clock).toConstantValue(opts.clock);
  c.bind(TOKENS.Random).toConstantValue(opts.random);
  c.bind(TOKENS.Logger).toConstantValue(opts.logger);
  c.bind(TOKENS.CoreState).toResolvedValue(
    (clock, random) => new InMemoryState({ clock, random, history: TALOS_HISTORY }),
    [TOKENS.Clock, TOKENS.Random],
  );
  c.bind(TOKENS.State).toResolvedValue((core) => new State(core), [TOKENS.CoreState]);
  c.bind(TOKENS.ControllerRuntime).toResolvedValue(
    (state, clock, random, logger) => new ControllerRuntime({ state, clock, random, logger }),
    [TOKENS.State, TOKENS.Clock, TOKENS.Random, TOKENS.Logger],
  );
  c.bind(TOKENS.Filesystem).toResolvedValue(
    (logger) =>
      mountNodeFilesystem({
        base: opts.rootfs ?? buildTalosRootfs({ version: opts.talosVersion }).volume,
        bootAsset: opts.bootAsset,
        logger: logger.with({ component: 'init' }),
      }),
    [TOKENS.Logger],
  );
  c.bind(TOKENS.Controllers).toResolvedValue(
    (filesystem) => [new ExtensionStatusController(filesystem.fs)],
    [TOKENS.Filesystem],
  );
  c.bind(TOKENS.TalosNode).toResolvedValue(
    (o, clock, state, runtime, controllers, filesystem) =>
      new TalosNode({
        address: o.address,
        talosVersion: o.talosVersion,
        clock,
        state,
        runtime,
        controllers,
        filesystem,
      }),
    [TOKENS.Options, TOKENS.Clock, TOKENS.State, TOKENS.ControllerRuntime, TOKENS.Controllers, TOKENS.Filesystem],
  );
  return c;
}

/** A node ready to boot: its root filesystem is mounted, its controllers are not started yet. */
export async function createNode(options: TalosNodeOptions = {}): Promise<TalosNode> {
  return createNodeContainer(options).getAsync(TOKENS.TalosNode);
}
