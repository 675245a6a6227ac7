// The resource API machined serves to talosctl: the COSI state behind Talos's access policy
// (type must be registered, writes and sensitive types need os:admin, namespace must exist),
// with errors as gRPC statuses.
import { type Observable, takeUntil } from 'rxjs';
import {
  isNotFound,
  META_NAMESPACE,
  NamespaceResourceType,
  type Resource,
  ResourceDefinitionResourceType,
  type ResourceDefinitionSpec,
  resourceDefinitionId,
  type State,
  type StateEvent,
  type StateVerb,
  StatusError,
  toStatusError,
  type WatchKindOptions,
} from '../cosi/index.js';
import { accessError, argumentError, type TalosRole } from './resource-access.js';

export type { TalosRole } from './resource-access.js';

export class ResourceApi {
  /** `ended` (the node shutting down) completes every watch opened through this API. */
  constructor(
    private readonly state: State,
    private readonly role: TalosRole = 'os:admin',
    private readonly ended?: Observable<void>,
  ) {}

  /** Every registered ResourceDefinition spec, in RD id order (what talosctl lists to resolve a type). */
  async definitions(): Promise<ResourceDefinitionSpec[]> {
    const rds = await this.state.list({ namespace: META_NAMESPACE, type: ResourceDefinitionResourceType });
    return rds.map((r) => r.spec as ResourceDefinitionSpec);
  }

  async get(namespace: string, type: string, id: string): Promise<Resource> {
    await this.#authorize(namespace, type, 'get');
    if (typeof id !== 'string') throw new StatusError('InvalidArgument', 'id must be a string');
    return this.#call('get', () => this.state.get({ namespace, type, id }));
  }

  async list(namespace: string, type: string): Promise<Resource[]> {
    await this.#authorize(namespace, type, 'list');
    return this.#call('list', () => this.state.list({ namespace, type }));
  }

  /** Watches a kind (or one id); authorization happens before the first event. */
  async watch(namespace: string, type: string, id?: string, opts?: WatchKindOptions): Promise<Observable<StateEvent>> {
    await this.#authorize(namespace, type, 'watch');
    const events =
      id === undefined ? this.state.watchKind({ namespace, type }, opts) : this.state.watch({ namespace, type, id });
    return this.ended === undefined ? events : events.pipe(takeUntil(this.ended));
  }

  async #call<T>(verb: StateVerb, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStatusError(err, verb);
    }
  }

  async #authorize(namespace: string, type: string, verb: StateVerb): Promise<void> {
    const invalid = argumentError(namespace, type);
    if (invalid !== undefined) throw invalid;
    const rd = await this.#find(ResourceDefinitionResourceType, resourceDefinitionId(type));
    const namespaceExists = (await this.#find(NamespaceResourceType, namespace)) !== undefined;
    const denied = accessError(
      { namespace, type, verb },
      this.role,
      rd?.spec as ResourceDefinitionSpec | undefined,
      namespaceExists,
    );
    if (denied !== undefined) throw denied;
  }

  async #find(type: string, id: string): Promise<Resource | undefined> {
    try {
      return await this.state.get({ namespace: META_NAMESPACE, type, id });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
