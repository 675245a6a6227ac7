// What embedders and tests ask a node for: resources by a typed resource type (`ExtensionStatusType` gives
// `Resource<ExtensionStatusSpec>`) or by any name talosctl accepts (`'es'`, `'extensions'`, the full type), in the
// type's default namespace unless told otherwise, plus watches and a wait in virtual time. Everything goes through
// the node's resource API, so access rules and errors are those talosctl sees.
import { defer, from, mergeMap, type Observable, type Subscription } from 'rxjs';
import {
  type Clock,
  isTombstone,
  type Resource,
  type ResourceDefinitionSpec,
  type ResourceType,
  resolveResourceType,
  type StateEvent,
} from '../cosi/index.js';
import { DetailedError } from '../extensions/detailed-error.js';
import type { ResourceApi } from './resource-api.js';

/** A resource type object, or any name talosctl resolves (alias, singular, full type; case-insensitive). */
export type ResourceTypeRef<S = unknown> = ResourceType<S> | string;

/** The spec type a reference stands for: typed for type objects, unknown for names. */
export type SpecOf<T> = T extends ResourceType<infer S> ? S : unknown;

export interface QueryOptions {
  /** Default: the type's default namespace. */
  readonly namespace?: string;
}

export interface WaitForOptions extends QueryOptions {
  /** Virtual milliseconds (on the node's clock) before giving up. Default: wait until the node shuts down. */
  readonly timeout?: number;
}

export type WaitTimeoutErrorDetail = {
  readonly kind: 'wait-timeout';
  readonly address: string;
  readonly type: string;
  readonly timeout: number;
};

/** waitFor gave up: nothing matched within the timeout, or the node stopped first (timeout is then NaN). */
export class WaitTimeoutError extends DetailedError<WaitTimeoutErrorDetail> {
  constructor(detail: WaitTimeoutErrorDetail) {
    super(
      'WaitTimeoutError',
      detail,
      Number.isNaN(detail.timeout)
        ? `node ${detail.address}: stopped before a ${detail.type} resource matched`
        : `node ${detail.address}: no ${detail.type} resource matched within ${detail.timeout} ms`,
    );
  }
}

export function isWaitTimeoutError(err: unknown): err is WaitTimeoutError {
  return err instanceof WaitTimeoutError;
}

export class ResourceQueries {
  constructor(
    private readonly address: string,
    private readonly clock: Clock,
    private readonly api: () => ResourceApi,
    /** Resolves once the current boot has registered its resource types: a node not booted yet has none. */
    private readonly registered: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** The definition a reference names on this node (a TypeResolutionError with talosctl's text otherwise). */
  async definition(type: ResourceTypeRef): Promise<ResourceDefinitionSpec> {
    const name = typeof type === 'string' ? type : type.definition.type;
    return resolveResourceType(await this.api().definitions(), name);
  }

  async get<T extends ResourceTypeRef>(type: T, id: string, options: QueryOptions = {}): Promise<Resource<SpecOf<T>>> {
    const rd = await this.definition(type);
    return (await this.api().get(options.namespace ?? rd.defaultNamespace, rd.type, id)) as Resource<SpecOf<T>>;
  }

  async list<T extends ResourceTypeRef>(type: T, options: QueryOptions = {}): Promise<Resource<SpecOf<T>>[]> {
    const rd = await this.definition(type);
    return (await this.api().list(options.namespace ?? rd.defaultNamespace, rd.type)) as Resource<SpecOf<T>>[];
  }

  /** Events of a type (or one id): the current resources first, then every change; completes at shutdown. */
  watch<T extends ResourceTypeRef>(
    type: T,
    options: QueryOptions & { readonly id?: string } = {},
  ): Observable<StateEvent> {
    return defer(() =>
      from(this.registered().then(() => this.definition(type))).pipe(
        mergeMap((rd) =>
          from(
            this.api().watch(options.namespace ?? rd.defaultNamespace, rd.type, options.id, {
              bootstrapContents: true,
            }),
          ),
        ),
        mergeMap((events) => events),
      ),
    );
  }

  /**
   * The first resource of the type that satisfies `predicate`, now or as it changes, in virtual time: with a
   * VirtualClock the timeout passes only as the cluster advances. Rejects with WaitTimeoutError, with the error a
   * predicate throws, or with a RangeError for a timeout that is not a number of milliseconds >= 0.
   */
  async waitFor<T extends ResourceTypeRef>(
    type: T,
    predicate: (resource: Resource<SpecOf<T>>) => boolean,
    options: WaitForOptions = {},
  ): Promise<Resource<SpecOf<T>>> {
    let typeName = typeof type === 'string' ? type : type.definition.type;
    if (options.timeout !== undefined && !(options.timeout >= 0)) {
      throw new RangeError(`waitFor: timeout ${options.timeout} is not a number of milliseconds >= 0`);
    }
    return new Promise((resolve, reject) => {
      const fail = (timeout: number) =>
        reject(new WaitTimeoutError({ kind: 'wait-timeout', address: this.address, type: typeName, timeout }));
      // the timeout runs from the call, also while a node not booted yet registers its types
      const timer =
        options.timeout === undefined
          ? undefined
          : this.clock.setTimeout(() => finish(() => fail(options.timeout ?? 0)), options.timeout);
      let done = false;
      let subscription: Subscription | undefined;
      const finish = (settle: () => void): void => {
        if (done) return;
        done = true;
        timer?.cancel();
        subscription?.unsubscribe();
        settle();
      };
      const subscribe = async (): Promise<void> => {
        await this.registered();
        const rd = await this.definition(type);
        typeName = rd.type;
        const events = await this.api().watch(options.namespace ?? rd.defaultNamespace, rd.type, undefined, {
          bootstrapContents: true,
        });
        if (done) return;
        subscription = events.subscribe({
          next: (event) => {
            if (event.type !== 'Created' && event.type !== 'Updated') return;
            const resource = event.resource as Resource<SpecOf<T>>;
            if (isTombstone(resource)) return;
            let matched: boolean;
            try {
              matched = predicate(resource);
            } catch (err) {
              // a predicate reading a field the resource lacks: the caller's promise rejects with its error
              finish(() => reject(err));
              return;
            }
            if (matched) finish(() => resolve(resource));
          },
          complete: () => finish(() => fail(Number.NaN)),
          error: (err: unknown) => finish(() => reject(err)),
        });
        if (done) subscription.unsubscribe();
      };
      subscribe().catch((err: unknown) => finish(() => reject(err)));
    });
  }
}
