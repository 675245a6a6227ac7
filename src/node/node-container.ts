// The composition root: the only place that knows inversify. Everything is wired with explicit tokens and
// factories (no decorator metadata), so tests and embedders can rebind any part before the node is built.
import { Container } from 'inversify';
import { assembleNode, defaultNodeParts, newNodeLog } from './create-node.js';
import type { TalosNodeOptions } from './node-options.js';
import { TOKENS } from './tokens.js';

/**
 * A container for one node; rebind TOKENS.Clock, TOKENS.NodeLog, TOKENS.CoreStateFactory, TOKENS.ControllersFactory,
 * TOKENS.SupervisorFactory, TOKENS.SubsystemsFactory… before `await container.getAsync(TOKENS.TalosNode)`.
 */
export function createNodeContainer(options: TalosNodeOptions = {}): Container {
  const parts = defaultNodeParts(options);
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Options).toConstantValue(parts.options);
  c.bind(TOKENS.Clock).toConstantValue(parts.clock);
  c.bind(TOKENS.Random).toConstantValue(parts.random);
  c.bind(TOKENS.NodeLog).toResolvedValue((clock) => newNodeLog(parts.options, clock), [TOKENS.Clock]);
  c.bind(TOKENS.BootMedia).toConstantValue(parts.media);
  c.bind(TOKENS.CoreStateFactory).toConstantValue(parts.coreState);
  c.bind(TOKENS.ControllersFactory).toConstantValue(parts.controllers);
  c.bind(TOKENS.SupervisorFactory).toConstantValue(parts.supervisor);
  c.bind(TOKENS.SubsystemsFactory).toConstantValue(parts.subsystems);
  c.bind(TOKENS.Installer).toConstantValue(parts.installer);
  c.bind(TOKENS.TalosNode).toResolvedValue(
    (options, clock, random, log, media, coreState, controllers, supervisor, subsystems, installer) =>
      assembleNode({ options, clock, random, log, media, coreState, controllers, supervisor, subsystems, installer }),
    [
      TOKENS.Options,
      TOKENS.Clock,
      TOKENS.Random,
      TOKENS.NodeLog,
      TOKENS.BootMedia,
      TOKENS.CoreStateFactory,
      TOKENS.ControllersFactory,
      TOKENS.SupervisorFactory,
      TOKENS.SubsystemsFactory,
      TOKENS.Installer,
    ],
  );
  return c;
}
