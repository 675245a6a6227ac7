// The Runtime one controller sees (cosi's rruntime adapter): reads limited to its inputs and
// outputs, writes limited to its outputs and made under its name, finalizers only on strong
// inputs, output tracking, and its coalescing reconcile signal.

import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Kind, Pointer } from '../resource/pointer.js';
import type { Resource } from '../resource/resource.js';
import type { State, Updater } from '../state/state.js';
import { isNotFound } from '../state/state-error.js';
import type { ListOptions } from '../state/state-options.js';
import type { Input, ModifyOptions, NextEventOptions, Output, OwnerOptions, Runtime } from './controller.js';
import { controllerErrors } from './controller-error.js';
import type { DependencyDatabase } from './dependency-database.js';
import type { ExponentialBackoff } from './exponential-backoff.js';
import { ReconcileSignal } from './reconcile-signal.js';

const trackingKey = (p: Pointer): string => `${p.namespace}\u0000${p.type}\u0000${p.id}`;

export class ControllerAdapter implements Runtime {
  readonly reconcile: ReconcileSignal;
  #tracked: Set<string> | undefined;
  readonly #requeues = new Set<TimerHandle>();
  #sleeping = 0;

  constructor(
    readonly name: string,
    private readonly outputs: readonly Output[],
    private readonly state: State,
    private readonly depDb: DependencyDatabase,
    private readonly backoff: ExponentialBackoff,
    readonly signal: AbortSignal,
    private readonly onInputsChanged: () => void,
    private readonly clock: Clock,
  ) {
    // a parked controller wakes on a turn its clock counts: a VirtualClock lets it run before moving on
    this.reconcile = new ReconcileSignal(clock.onNextTurn?.bind(clock));
  }

  nextEvent(options?: NextEventOptions): Promise<boolean> {
    return this.reconcile.next(options?.signal);
  }

  async *events(): AsyncIterable<void> {
    while (await this.reconcile.next()) yield;
  }

  queueReconcile(): void {
    this.reconcile.trigger();
  }

  requeueAfter(ms: number): void {
    if (this.signal.aborted) return;
    const timer = this.clock.setTimeout(() => {
      this.#requeues.delete(timer);
      this.reconcile.trigger();
    }, ms);
    this.#requeues.add(timer);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const both = signal === undefined ? this.signal : AbortSignal.any([signal, this.signal]);
    this.#sleeping++;
    try {
      await this.clock.sleep(ms, both);
    } finally {
      this.#sleeping--;
    }
  }

  async parkWhile<T>(work: Promise<T>): Promise<T> {
    this.#sleeping++;
    try {
      return await work;
    } finally {
      this.#sleeping--;
    }
  }

  /** Whether the controller is parked: waiting for an event with none pending, or sleeping on the clock. */
  get parked(): boolean {
    return (this.reconcile.waiting && !this.reconcile.pending) || this.#sleeping > 0;
  }

  /** Whether nothing is scheduled for the controller: no requeue timer and no sleep on the clock. */
  get quiet(): boolean {
    return this.#requeues.size === 0 && this.#sleeping === 0;
  }

  /** Stops the reconcile channel and cancels pending requeues; the engine calls it when the runtime stops. */
  stop(): void {
    this.reconcile.stop();
    for (const timer of this.#requeues) timer.cancel();
    this.#requeues.clear();
  }

  resetRestartBackoff(): void {
    this.backoff.reset();
  }

  updateInputs(inputs: readonly Input[]): void {
    this.depDb.setInputs(this.name, inputs);
    this.onInputsChanged();
  }

  /** Discards output tracking; the engine calls it whenever Run exits. */
  resetTracking(): void {
    this.#tracked = undefined;
  }

  async get(pointer: Pointer): Promise<Resource> {
    this.#checkRead(pointer.namespace, pointer.type, pointer.id);
    return this.state.get(pointer);
  }

  async list(kind: Kind, opts?: ListOptions): Promise<Resource[]> {
    this.#checkRead(kind.namespace, kind.type, undefined);
    return this.state.list(kind, opts);
  }

  teardownSignal(pointer: Pointer): AbortSignal {
    this.#checkRead(pointer.namespace, pointer.type, pointer.id);
    return this.state.teardownSignal(pointer, this.signal);
  }

  async create(resource: Resource, opts?: OwnerOptions): Promise<void> {
    this.#checkWrite(resource.metadata, 'create');
    this.#track(resource.metadata);
    await this.state.create(resource, { owner: opts?.owner ?? this.name });
  }

  async update(resource: Resource): Promise<void> {
    // cosi reports "create attempted" for a refused Update; kept for fidelity
    this.#checkWrite(resource.metadata, 'create');
    this.#track(resource.metadata);
    await this.state.update(resource, { owner: this.name });
  }

  async modify<S>(empty: Resource<S>, fn: Updater<S>, opts?: ModifyOptions): Promise<void> {
    await this.modifyWithResult(empty, fn, opts);
  }

  async modifyWithResult<S>(empty: Resource<S>, fn: Updater<S>, opts?: ModifyOptions): Promise<Resource<S>> {
    this.#checkWrite(empty.metadata, 'update');
    this.#track(empty.metadata);
    return this.state.modify(empty, fn, { owner: this.name, expectedPhase: opts?.expectedPhase ?? 'running' });
  }

  async teardown(pointer: Pointer, opts?: OwnerOptions): Promise<boolean> {
    this.#checkWrite(pointer, 'teardown');
    return this.state.teardown(pointer, { owner: opts?.owner ?? this.name });
  }

  async destroy(pointer: Pointer, opts?: OwnerOptions): Promise<void> {
    this.#checkWrite(pointer, 'destroy');
    await this.state.destroy(pointer, { owner: opts?.owner ?? this.name });
  }

  async addFinalizer(pointer: Pointer, ...finalizers: string[]): Promise<void> {
    this.#checkFinalizers(pointer);
    await this.state.addFinalizer(pointer, ...finalizers);
  }

  async removeFinalizer(pointer: Pointer, ...finalizers: string[]): Promise<void> {
    this.#checkFinalizers(pointer);
    try {
      await this.state.removeFinalizer(pointer, ...finalizers);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  startTrackingOutputs(): void {
    if (this.#tracked !== undefined) throw controllerErrors.trackingAlreadyEnabled();
    this.#tracked = new Set();
  }

  async cleanupOutputs(...kinds: Kind[]): Promise<void> {
    const tracked = this.#tracked;
    if (tracked === undefined) throw controllerErrors.trackingNotEnabled();
    for (const kind of kinds) {
      for (const r of await this.list(kind)) {
        if (r.metadata.owner !== this.name || tracked.has(trackingKey(r.metadata))) continue;
        await this.destroy(r.metadata);
      }
    }
    this.#tracked = undefined;
    this.resetRestartBackoff();
  }

  #isOutput(type: string): boolean {
    return this.outputs.some((o) => o.type === type);
  }

  #checkRead(namespace: string, type: string, id: string | undefined): void {
    if (this.#isOutput(type)) return;
    for (const input of this.depDb.inputsOf(this.name)) {
      if (input.namespace !== namespace || input.type !== type) continue;
      if (input.id === undefined || (id !== undefined && input.id === id)) return;
    }
    throw controllerErrors.readAccess(this.name, namespace, type);
  }

  #checkWrite(p: Pointer, verb: string): void {
    if (!this.#isOutput(p.type)) throw controllerErrors.writeAccess(this.name, p.namespace, p.type, verb, p.id);
  }

  #checkFinalizers(p: Pointer): void {
    for (const input of this.depDb.inputsOf(this.name)) {
      if (input.namespace === p.namespace && input.type === p.type && input.kind === 'strong') {
        if (input.id === undefined || input.id === p.id) return;
      }
    }
    throw controllerErrors.finalizerAccess(this.name, p.namespace, p.type);
  }

  #track(p: Pointer): void {
    this.#tracked?.add(trackingKey(p));
  }
}
