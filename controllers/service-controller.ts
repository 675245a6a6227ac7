// v1alpha1.ServiceController: mirrors the service supervisor's events into Service resources: a service that
// reaches Running gets (or updates) its resource with running = true and its health, any other state destroys
// it. On start it replays what happened before (upstream watches with all tail events): the newest event of every
// service, in time order, which leaves the same resources as replaying them all.
import type { Observable, Subscription } from 'rxjs';
import { ServiceType } from '../resources/service.js';
import type { Controller, Input, Logger, Output, Runtime } from '../src/cosi/index.js';
import { isNotFound, newTypedResource } from '../src/cosi/index.js';

/** One service state change as the supervisor reports it. */
export interface ServiceChange {
  readonly service: string;
  readonly state: string;
  readonly timestamp: number;
  readonly health: { readonly unknown: boolean; readonly healthy: boolean };
}

/** What the controller watches: the supervisor's services (for the replay) and its change stream. */
export interface ServiceEventSource {
  list(): readonly {
    readonly id: string;
    readonly events: readonly {
      readonly state: string;
      readonly timestamp: number;
      readonly health: ServiceChange['health'];
    }[];
  }[];
  readonly changes: Observable<ServiceChange>;
}

export class ServiceController implements Controller {
  readonly name = 'v1alpha1.ServiceController';
  /** It subscribes to the supervisor's changes before its first event: a resumed runtime starts it at once. */
  readonly actsBeforeFirstEvent = true;

  constructor(private readonly source: ServiceEventSource) {}

  inputs(): Input[] {
    return [];
  }

  outputs(): Output[] {
    return [{ type: ServiceType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    const queue: ServiceChange[] = [];
    let subscription: Subscription | undefined;
    try {
      subscription = this.source.changes.subscribe((change) => {
        queue.push(change);
        r.queueReconcile();
      });
      const replay = this.source
        .list()
        .flatMap((s) => {
          const last = s.events.at(-1);
          return last === undefined ? [] : [{ service: s.id, ...last }];
        })
        .sort((a, b) => a.timestamp - b.timestamp);
      queue.unshift(...replay);
      r.queueReconcile();
      while (await r.nextEvent()) {
        while (queue.length > 0) await this.#apply(r, logger, queue.shift() as ServiceChange);
      }
    } finally {
      subscription?.unsubscribe();
    }
  }

  async #apply(r: Runtime, logger: Logger, change: ServiceChange): Promise<void> {
    const service = newTypedResource(ServiceType, change.service);
    if (change.state === 'Running') {
      try {
        await r.modify(service, (res) => {
          res.spec = { running: true, healthy: change.health.healthy, unknown: change.health.unknown };
        });
      } catch (err) {
        logger.log('info', 'failed creating service resource', { id: change.service, error: (err as Error).message });
      }
      return;
    }
    try {
      await r.destroy(service.metadata);
    } catch (err) {
      if (!isNotFound(err)) {
        logger.log('info', 'failed destroying service resource', { id: change.service, error: (err as Error).message });
      }
    }
  }
}
