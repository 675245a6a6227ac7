// What a controller is (cosi controller.Controller) and the Runtime it is handed while running
// (cosi controller.Runtime): coalesced reconcile events, access-checked reads and owner-enforcing
// writes, output tracking.
import type { Logger } from '../logger.js';
import type { Phase } from '../resource/metadata.js';
import type { Kind, Pointer } from '../resource/pointer.js';
import type { Resource } from '../resource/resource.js';
import type { Updater } from '../state/state.js';
import type { ListOptions } from '../state/state-options.js';

/**
 * weak: changes trigger a reconcile. strong: the same, and the controller may put finalizers on it.
 * destroyReady: triggers only for a resource that is tearing down with no finalizers left.
 */
export type InputKind = 'weak' | 'strong' | 'destroyReady';
export type OutputKind = 'exclusive' | 'shared';

export interface Input {
  readonly namespace: string;
  readonly type: string;
  /** Restricts the input to one resource. */
  readonly id?: string;
  readonly kind: InputKind;
}

export interface Output {
  readonly type: string;
  readonly kind: OutputKind;
}

export interface Controller {
  /** `<area>.<Thing>Controller`; also the owner of everything it creates. */
  readonly name: string;
  inputs(): readonly Input[];
  outputs(): readonly Output[];
  /**
   * Long-lived loop: wait for `runtime.nextEvent()`, reconcile, `runtime.resetRestartBackoff()`.
   * Resolving ends the controller for good; rejecting restarts it after a backoff.
   */
  run(runtime: Runtime, logger: Logger): Promise<void>;
  /**
   * What the controller keeps between reconciles that the state does not hold (a Go controller's struct fields),
   * taken while it is parked. A controller without it keeps nothing: a new instance parked at `nextEvent()` over the
   * same state behaves as this one would.
   */
  checkpoint?(): unknown;
  /** Takes what checkpoint() of a parked instance returned, before run() is called for a resumed runtime. */
  resume?(checkpoint: unknown): void;
  /**
   * run() does something before it first waits for an event (subscribes to a source outside the state): a resumed
   * runtime starts it at once. Other resumed controllers start when their first event comes.
   */
  readonly actsBeforeFirstEvent?: boolean;
}

export interface NextEventOptions {
  /** Abandons the wait: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface OwnerOptions {
  /** Act as this owner instead of the controller (cosi WithOwner; '' for unowned resources). */
  readonly owner?: string;
}

export interface ModifyOptions {
  /** Default 'running': modifying a tearing-down resource is a phase conflict. */
  readonly expectedPhase?: Phase | 'any';
}

export interface Runtime {
  /** Aborts when the runtime stops. */
  readonly signal: AbortSignal;
  /**
   * Resolves true at the next (coalesced) reconcile event, false once the runtime stops. With a signal the wait can
   * be abandoned (e.g. when racing a timer): it rejects with the signal's reason and the event stays queued.
   */
  nextEvent(options?: NextEventOptions): Promise<boolean>;
  /** `for await (const _ of runtime.events())`: one iteration per reconcile event until stopped. */
  events(): AsyncIterable<void>;
  /** Queues a reconcile of this controller. */
  queueReconcile(): void;
  /** Queues a reconcile after ms of the runtime's clock (periodic work); cancelled when the runtime stops. */
  requeueAfter(ms: number): void;
  /**
   * Waits ms of the runtime's clock (rejects when the signal or the runtime aborts). A controller sleeping here
   * counts as idle: `settle()` does not wait for time to pass.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Waits for work outside the runtime that completes as the clock moves (a service stop waiting for its task's
   * SIGKILL 10 s later). Like sleep, the controller counts as idle meanwhile: `settle()` does not wait for it.
   */
  parkWhile<T>(work: Promise<T>): Promise<T>;
  resetRestartBackoff(): void;
  /** Replaces the controller's inputs (cosi UpdateInputs). */
  updateInputs(inputs: readonly Input[]): void;

  get(pointer: Pointer): Promise<Resource>;
  list(kind: Kind, opts?: ListOptions): Promise<Resource[]>;
  /** Aborts when the resource tears down or is destroyed (cosi ContextWithTeardown). */
  teardownSignal(pointer: Pointer): AbortSignal;

  create(resource: Resource, opts?: OwnerOptions): Promise<void>;
  update(resource: Resource): Promise<void>;
  modify<S>(empty: Resource<S>, fn: Updater<S>, opts?: ModifyOptions): Promise<void>;
  modifyWithResult<S>(empty: Resource<S>, fn: Updater<S>, opts?: ModifyOptions): Promise<Resource<S>>;
  /** Resolves whether the resource is ready to be destroyed (no finalizers). */
  teardown(pointer: Pointer, opts?: OwnerOptions): Promise<boolean>;
  destroy(pointer: Pointer, opts?: OwnerOptions): Promise<void>;
  addFinalizer(pointer: Pointer, ...finalizers: string[]): Promise<void>;
  removeFinalizer(pointer: Pointer, ...finalizers: string[]): Promise<void>;

  /** Starts recording every output written this cycle. */
  startTrackingOutputs(): void;
  /** Destroys owned outputs of these kinds not written since startTrackingOutputs; resets the backoff. */
  cleanupOutputs(...kinds: Kind[]): Promise<void>;
}
