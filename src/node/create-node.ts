// Assembling a node from its parts: the values that live as long as the node (clock, random, log, boot media) and
// the factories called at every boot (COSI state, controllers, subsystems). createNode uses the defaults directly
// (fleets create thousands of nodes, and the CLI should not load a DI container); createNodeContainer binds the
// same parts to tokens so that embedders can rebind them.
import { machinedControllers } from '../../controllers/machined-controllers.js';
import { InMemoryNodeIdentityStore } from '../../controllers/node-identity-controller.js';
import { type TalosNamespace, talosNamespaces } from '../../resources/talos-namespaces.js';
import { talosResourceTypes } from '../../resources/talos-resource-types.js';
import {
  type Clock,
  type Controller,
  ControllerRuntime,
  InMemoryState,
  type Random,
  type ResourceType,
  State,
  TALOS_HISTORY,
} from '../cosi/index.js';
import { createDefaultCatalog, resolveTalosVersion, type TalosVersionFacts } from '../extensions/index.js';
import type { BootAsset } from '../imager/index.js';
import type { ServiceSupervisor } from '../services/index.js';
import { type BootForks, type BootKey, sharedBootForks } from './boot-forks.js';
import { type BootMediaCache, sharedBootMedia } from './boot-media.js';
import { countingRandom, firstBootForking } from './first-boot-forking.js';
import {
  type ControllersFactory,
  type CoreStateFactory,
  NodeBoot,
  type NodeBootContext,
  type SubsystemsFactory,
  type SupervisorFactory,
} from './node-boot.js';
import { mountNodeFilesystem } from './node-filesystem.js';
import { buildInstallAsset, type NodeInstallerOptions } from './node-install-spec.js';
import { CONSOLE_COMPONENT, NodeLog } from './node-log.js';
import { type ResolvedNodeOptions, resolveNodeOptions, type TalosNodeOptions } from './node-options.js';
import { NodeServiceHost, newSupervisor, supervisorSubsystem } from './node-services.js';
import { controllerRuntimeSubsystem } from './node-subsystem.js';
import { TalosNode } from './talos-node.js';

/** What a node is assembled from: the values and factories the container's tokens stand for. */
export interface NodeParts {
  readonly options: ResolvedNodeOptions;
  readonly clock: Clock;
  readonly random: Random;
  readonly log: NodeLog;
  readonly media: BootMediaCache;
  readonly coreState: CoreStateFactory;
  readonly controllers: ControllersFactory;
  readonly supervisor: SupervisorFactory;
  readonly subsystems: SubsystemsFactory;
  readonly installer: () => NodeInstallerOptions;
  /** Where nodes of one boot share it (createNode's nodes; a container's parts may be rebound: never shared). */
  readonly forks?: BootForks;
}

export function defaultNodeParts(given: TalosNodeOptions): NodeParts {
  const options = resolveNodeOptions(given);
  return {
    options,
    clock: options.clock,
    random: options.random,
    log: newNodeLog(options, options.clock),
    media: sharedBootMedia,
    coreState: ({ clock, random }) => new InMemoryState({ clock, random, history: TALOS_HISTORY }),
    controllers: machinedControllersOf,
    supervisor: supervisorOf,
    subsystems: (ctx, runtime, controllers) => [
      controllerRuntimeSubsystem(runtime, controllers),
      supervisorSubsystem(ctx.services, ctx.facts.version, ctx.filesystem.fs),
    ],
    installer: installerWithDefaults(options.installer),
  };
}

/** The controllers machined of the node's release runs, over the node's filesystem and mount table. */
export function machinedControllersOf(ctx: NodeBootContext): Controller[] {
  const { mounts } = ctx.filesystem;
  return machinedControllers({
    facts: ctx.facts,
    fs: ctx.filesystem.fs,
    services: ctx.services,
    strictServiceConfig: ctx.serviceHost.strictConfig,
    identity: { store: ctx.nodeIdentity, random: ctx.random },
    mounts: {
      bindReadOnly: (source, target) => {
        mounts.bind(target, source, { readOnly: true });
      },
      unmount: (target) => mounts.unmount(target),
    },
  });
}

/** The service supervisor of one boot, over the node's clock, filesystem, resources and config. */
export function supervisorOf(ctx: Omit<NodeBootContext, 'services'>): ServiceSupervisor {
  return newSupervisor({
    talosVersion: ctx.facts.version,
    clock: ctx.clock,
    state: ctx.state,
    fs: ctx.filesystem.fs,
    logger: ctx.machinedLogger,
    host: ctx.serviceHost,
    config: ctx.config,
    // the task's raw output, as containerd's runner copies it to machined's log.Writer(): the kmsg writer
    console: (_serviceId, line) => ctx.machinedLogger.log('info', line, { component: CONSOLE_COMPONENT }),
  });
}

export function newNodeLog(options: ResolvedNodeOptions, clock: Clock): NodeLog {
  return new NodeLog({
    clock,
    ...(options.logCapacity === undefined ? {} : { capacity: options.logCapacity }),
    ...(options.logger === undefined ? {} : { forward: options.logger }),
  });
}

export async function assembleNode(parts: NodeParts): Promise<TalosNode> {
  const { options: o, clock, log } = parts;
  const random = countingRandom(parts.random);
  const serviceHost = new NodeServiceHost(o.services);
  const nodeIdentity = new InMemoryNodeIdentityStore();
  let node: TalosNode | undefined;
  const config = () => (node === undefined ? o.machineConfig : node.machineConfig);
  const prepareBoot = async (asset: BootAsset | undefined, talosVersion: string): Promise<NodeBoot> => {
    const facts = releaseFacts(talosVersion);
    const { media, release } = await parts.media.acquire(asset, facts.version, o.rootfs);
    const filesystem = mountNodeFilesystem({
      media,
      release,
      logger: log.logger({ component: 'init' }),
      now: () => clock.now(),
    });
    const state = new State(parts.coreState({ clock, random }));
    const logger = log.logger({ component: 'controller-runtime' });
    const runtime = new ControllerRuntime({ state, clock, random, logger });
    const base: Omit<NodeBootContext, 'services'> = {
      address: o.address,
      facts,
      bootAsset: asset,
      clock,
      random,
      logger,
      machinedLogger: log.logger({ component: 'machined' }),
      state,
      filesystem,
      serviceHost,
      config,
      nodeIdentity,
    };
    const ctx: NodeBootContext = { ...base, services: parts.supervisor(base) };
    const controllers = parts.controllers(ctx);
    return new NodeBoot({
      state,
      runtime,
      filesystem,
      services: ctx.services,
      subsystems: parts.subsystems(ctx, runtime, controllers),
      resourceTypes: resourceTypesOf(facts),
      namespaces: namespacesOf(facts),
    });
  };
  node = new TalosNode({
    address: o.address,
    clock,
    random,
    log,
    install: { talosVersion: o.talosVersion, extensions: o.extensions, officialExtensions: o.officialExtensions },
    bootAsset: o.bootAsset,
    machineConfig: o.machineConfig,
    prepareBoot,
    buildBootAsset: (spec, config) => buildInstallAsset(spec, config, parts.installer()),
    firstBoot: await prepareBoot(o.bootAsset, o.talosVersion),
    serviceHost,
    ...(parts.forks === undefined
      ? {}
      : {
          forking: firstBootForking({
            forks: parts.forks,
            key: () =>
              o.rootfs === undefined && node !== undefined
                ? bootKey(node, clock, serviceHost.strictConfig, o.logCapacity)
                : undefined,
            log,
            random,
            identity: nodeIdentity,
          }),
        }),
  });
  return node;
}

/** One object per release for the boots of stock nodes (no boot asset) in BootForks. */
const stockAssets = new Map<string, object>();

/** What a node's first boot depends on besides its identity (see BootForks). */
function bootKey(node: TalosNode, clock: Clock, strict: boolean, logCapacity: number | undefined): BootKey {
  const version = node.talosVersion;
  let asset: object | undefined = node.bootAsset;
  if (asset === undefined) {
    asset = stockAssets.get(version) ?? {};
    stockAssets.set(version, asset);
  }
  const settings = [version, clock.now(), strict, logCapacity ?? '', node.machineConfig?.text ?? ''].join('\u0000');
  return { clock, asset, settings };
}

const factsByVersion = new Map<string, TalosVersionFacts>();
const typesByVersion = new Map<string, readonly ResourceType<unknown>[]>();
const namespacesByVersion = new Map<string, readonly TalosNamespace[]>();

/** The namespaces of a release, worked out once per process. */
function namespacesOf(facts: TalosVersionFacts): readonly TalosNamespace[] {
  let namespaces = namespacesByVersion.get(facts.version);
  if (namespaces === undefined) {
    namespaces = talosNamespaces(facts.version);
    namespacesByVersion.set(facts.version, namespaces);
  }
  return namespaces;
}

/** The resource types of a release, worked out once per process. */
function resourceTypesOf(facts: TalosVersionFacts): readonly ResourceType<unknown>[] {
  let types = typesByVersion.get(facts.version);
  if (types === undefined) {
    types = talosResourceTypes(facts);
    typesByVersion.set(facts.version, types);
  }
  return types;
}

/** The facts of a release, worked out once per process (every node of a fleet asks). */
function releaseFacts(talosVersion: string): TalosVersionFacts {
  let facts = factsByVersion.get(talosVersion);
  if (facts === undefined) {
    facts = resolveTalosVersion(talosVersion);
    factsByVersion.set(talosVersion, facts);
  }
  return facts;
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

/**
 * A node ready to boot: its root filesystem is mounted, its controllers are not started yet. The same assembly as
 * createNodeContainer's, without a container (fleets create thousands of nodes).
 */
export async function createNode(options: TalosNodeOptions = {}): Promise<TalosNode> {
  return assembleNode({ ...defaultNodeParts(options), forks: sharedBootForks });
}
