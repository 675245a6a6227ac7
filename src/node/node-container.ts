// The composition root: the only place that knows inversify. Everything is wired with explicit tokens and
// factories (no decorator metadata), so tests and embedders can rebind any part. What lives as long as the node
// (clock, random, log, boot media) is a value; what is made afresh at every boot (COSI state, controllers,
// subsystems) is a factory, called once per boot.
import { Container } from 'inversify';
import { ExtensionStatusController } from '../../controllers/extension-status-controller.js';
import { ControllerRuntime, InMemoryState, State, TALOS_HISTORY } from '../cosi/index.js';
import { createDefaultCatalog, resolveTalosVersion } from '../extensions/index.js';
import { sharedBootMedia } from './boot-media.js';
import { NodeBoot, type NodeBootContext } from './node-boot.js';
import { mountNodeFilesystem } from './node-filesystem.js';
import { buildInstallAsset, type NodeInstallerOptions } from './node-install-spec.js';
import { NodeLog } from './node-log.js';
import { resolveNodeOptions, type TalosNodeOptions } from './node-options.js';
import { controllerRuntimeSubsystem } from './node-subsystem.js';
import { TalosNode } from './talos-node.js';
import { TOKENS } from './tokens.js';

/**
 * A container for one node; rebind TOKENS.Clock, TOKENS.NodeLog, TOKENS.CoreStateFactory, TOKENS.ControllersFactory,
 * TOKENS.SubsystemsFactory… before `await container.getAsync(TOKENS.TalosNode)`.
 */
export function createNodeContainer(options: TalosNodeOptions = {}): Container {
  const opts = resolveNodeOptions(options);
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Options).toConstantValue(opts);
  c.bind(TOKENS.Clock).toConstantValue(opts.clock);
  c.bind(TOKENS.Random).toConstantValue(opts.random);
  c.bind(TOKENS.NodeLog).toResolvedValue(
    (clock) =>
      new NodeLog({
        clock,
        ...(opts.logCapacity === undefined ? {} : { capacity: opts.logCapacity }),
        ...(opts.logger === undefined ? {} : { forward: opts.logger }),
      }),
    [TOKENS.Clock],
  );
  c.bind(TOKENS.BootMedia).toConstantValue(sharedBootMedia);
  c.bind(TOKENS.CoreStateFactory).toConstantValue(
    ({ clock, random }) => new InMemoryState({ clock, random, history: TALOS_HISTORY }),
  );
  c.bind(TOKENS.ControllersFactory).toConstantValue((ctx: NodeBootContext) => [
    new ExtensionStatusController(ctx.filesystem.fs),
  ]);
  c.bind(TOKENS.SubsystemsFactory).toConstantValue((_ctx, runtime, controllers) => [
    controllerRuntimeSubsystem(runtime, controllers),
  ]);
  c.bind(TOKENS.Installer).toConstantValue(installerWithDefaults(opts.installer));
  c.bind(TOKENS.TalosNode).toResolvedValue(
    async (o, clock, random, log, media, coreState, controllers, subsystems, installer) => {
      const prepareBoot = async (asset: NodeBootContext['bootAsset'], talosVersion: string): Promise<NodeBoot> => {
        const facts = resolveTalosVersion(talosVersion);
        const { media: shared, release } = await media.acquire(asset, facts.version, o.rootfs);
        const filesystem = mountNodeFilesystem({
          media: shared,
          release,
          logger: log.logger({ component: 'init' }),
          now: () => clock.now(),
        });
        const state = new State(coreState({ clock, random }));
        const logger = log.logger({ component: 'controller-runtime' });
        const runtime = new ControllerRuntime({ state, clock, random, logger });
        const ctx: NodeBootContext = {
          address: o.address,
          facts,
          bootAsset: asset,
          clock,
          random,
          logger,
          state,
          filesystem,
        };
        const made = controllers(ctx);
        return new NodeBoot({ state, runtime, filesystem, subsystems: subsystems(ctx, runtime, made) });
      };
      return new TalosNode({
        address: o.address,
        clock,
        log,
        install: { talosVersion: o.talosVersion, extensions: o.extensions, officialExtensions: o.officialExtensions },
        bootAsset: o.bootAsset,
        machineConfig: o.machineConfig,
        prepareBoot,
        buildBootAsset: (spec, config) => buildInstallAsset(spec, config, installer()),
        firstBoot: await prepareBoot(o.bootAsset, o.talosVersion),
      });
    },
    [
      TOKENS.Options,
      TOKENS.Clock,
      TOKENS.Random,
      TOKENS.NodeLog,
      TOKENS.BootMedia,
      TOKENS.CoreStateFactory,
      TOKENS.ControllersFactory,
      TOKENS.SubsystemsFactory,
      TOKENS.Installer,
    ],
  );
  return c;
}

/** The installer's options, with a fresh default catalog made only when an upgrade first needs one. */
function installerWithDefaults(given: Partial<NodeInstallerOptions>): () => NodeInstallerOptions {
  let resolved: NodeInstallerOptions | undefined;
  return () => {
    if (resolved === undefined) {
      const catalog = given.catalog ?? createDefaultCatalog();
      resolved = { ...given, catalog, registry: given.registry ?? catalog.registry };
    }
    return resolved;
  };
}

/** A node ready to boot: its root filesystem is mounted, its controllers are not started yet. */
export async function createNode(options: TalosNodeOptions = {}): Promise<TalosNode> {
  return createNodeContainer(options).getAsync(TOKENS.TalosNode);
}
