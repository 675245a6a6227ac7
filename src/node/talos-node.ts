// A simulated Talos node: its COSI state with Talos's namespaces and resource definitions,
// the machined controllers running over its root filesystem, and the API talosctl would use.
import { TALOS_NAMESPACES, TALOS_RESOURCE_TYPES } from '../../resources/index.js';
import { type Clock, type Controller, type ControllerRuntime, ResourceRegistry, type State } from '../cosi/index.js';
import type { NodeFilesystem } from './node-filesystem.js';
import { ResourceApi } from './resource-api.js';

export type NodePhase = 'created' | 'booted' | 'shutdown';

export interface TalosNodeParts {
  readonly address: string;
  readonly talosVersion: string;
  readonly clock: Clock;
  readonly state: State;
  readonly runtime: ControllerRuntime;
  readonly controllers: readonly Controller[];
  readonly filesystem: NodeFilesystem;
}

export class TalosNode {
  readonly address: string;
  readonly talosVersion: string;
  readonly clock: Clock;
  readonly state: State;
  readonly runtime: ControllerRuntime;
  /** The node's filesystem namespace as machined sees it: mount table, node:fs facade, root overlay. */
  readonly filesystem: NodeFilesystem;
  /** The resource API with os:admin rights (what `talosctl get` talks to). */
  readonly resources: ResourceApi;
  #phase: NodePhase = 'created';
  readonly #controllers: readonly Controller[];

  constructor(parts: TalosNodeParts) {
    this.address = parts.address;
    this.talosVersion = parts.talosVersion;
    this.clock = parts.clock;
    this.state = parts.state;
    this.runtime = parts.runtime;
    this.filesystem = parts.filesystem;
    this.#controllers = parts.controllers;
    this.resources = new ResourceApi(parts.state);
  }

  get phase(): NodePhase {
    return this.#phase;
  }

  /** Registers namespaces and resource definitions, starts machined's controllers, and waits until they settle. */
  async boot(): Promise<void> {
    if (this.#phase !== 'created') throw new Error(`node ${this.address} cannot boot: it is ${this.#phase}`);
    const registry = new ResourceRegistry(this.state);
    await registry.registerDefaults();
    for (const ns of TALOS_NAMESPACES) await registry.registerNamespace(ns.name, ns.description);
    for (const type of TALOS_RESOURCE_TYPES) await registry.registerType(type);
    for (const controller of this.#controllers) this.runtime.registerController(controller);
    this.runtime.start();
    this.#phase = 'booted';
    await this.settle();
  }

  /** Waits until every controller has nothing left to do (timers are not advanced). */
  settle(): Promise<void> {
    return this.runtime.settle();
  }

  async shutdown(): Promise<void> {
    if (this.#phase === 'booted') await this.runtime.stop();
    if (this.#phase !== 'shutdown') this.filesystem.close();
    this.#phase = 'shutdown';
  }
}
