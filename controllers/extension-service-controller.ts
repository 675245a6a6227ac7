// runtime.ExtensionServiceController: once, at its first event, reads /usr/local/etc/containers in name order,
// decodes and validates each `*.yaml` (exactly that extension), skips bad and duplicate definitions with
// machined's log lines, and loads and starts `ext-<name>` for the rest. Then, on every ExtensionServiceConfigStatus
// change, it restarts the affected service as upstream does, quirks included: a running service is left alone
// when the status's specVersion is "1" (it is assumed to be waiting for its first config), a deleted status
// counts as version "nan", and the restart waits for the service to stop (not for its dependents).
import { posix } from 'node:path';
import { ExtensionServiceConfigStatusType } from '../resources/extension-service-config-status.js';
import type { Controller, Input, Logger, Output, Runtime } from '../src/cosi/index.js';
import { describeTalosVersion } from '../src/extensions/index.js';
import {
  type ExtensionServiceSpec,
  readServiceDefinitions,
  SERVICE_DEFINITION_MESSAGES,
} from '../src/extensions/services/index.js';
import { goQuote } from '../src/gofmt/index.js';
import type { YamlFlavour } from '../src/goyaml/index.js';
import { goPathError, type NodeFiles } from './node-files.js';

/** constants.ExtensionServiceConfigPath */
export const EXTENSION_SERVICE_CONFIG_PATH = '/usr/local/etc/containers';

/** What the controller needs of the service supervisor (upstream's ServiceManager interface). */
export interface ServiceManager<S> {
  /** Throws when the id is not loaded. */
  isRunning(id: string): { readonly running: boolean; readonly state?: string };
  load(...services: S[]): string[];
  stopServices(...ids: string[]): Promise<void>;
  startServices(...ids: string[]): Promise<void>;
  /** The service for a definition (upstream builds `services.Extension{Spec: spec}`). */
  newExtensionService(spec: ExtensionServiceSpec): S;
}

export interface ExtensionServiceControllerOptions<S> {
  readonly services: ServiceManager<S>;
  /** The node's filesystem (its merged root). */
  readonly files: NodeFiles;
  /** The node's Talos release: which go-yaml decodes the definitions. Default: the newest. */
  readonly talosVersion?: string;
  /** Default /usr/local/etc/containers. */
  readonly configPath?: string;
  /**
   * Strict mode (not upstream): a service that is already Running when its config first appears is restarted
   * too, instead of keeping its old mounts and environment.
   */
  readonly strict?: boolean;
}

export class ExtensionServiceController<S> implements Controller {
  readonly name = 'runtime.ExtensionServiceController';
  readonly #opts: ExtensionServiceControllerOptions<S>;
  readonly #flavour: YamlFlavour;
  #cache: Map<string, string> | undefined;
  #resumed = false;

  constructor(options: ExtensionServiceControllerOptions<S>) {
    this.#opts = options;
    this.#flavour = options.talosVersion === undefined ? 'rc6' : describeTalosVersion(options.talosVersion).goYaml;
  }

  inputs(): Input[] {
    return [{ namespace: 'runtime', type: ExtensionServiceConfigStatusType.definition.type, kind: 'strong' }];
  }

  outputs(): Output[] {
    return [];
  }

  /** What a node forked from a converged one continues from: the statuses seen so far. */
  checkpoint(): unknown {
    return this.#cache === undefined ? undefined : [...this.#cache];
  }

  resume(checkpoint: unknown): void {
    if (checkpoint !== undefined) this.#cache = new Map(checkpoint as [string, string][]);
    this.#resumed = true;
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    // a resumed instance continues after the first pass its checkpoint's instance made; a restart makes it again
    const resumed = this.#resumed;
    this.#resumed = false;
    if (!resumed && !(await this.#firstPass(r, logger))) return;
    const cache = this.#cache ?? new Map<string, string>();
    this.#cache = cache;
    while (await r.nextEvent()) {
      const statuses = await this.#statuses(r);
      const present = new Set<string>();
      for (const [id, specVersion] of statuses) {
        present.add(id);
        if (cache.get(id) === specVersion) continue;
        await this.#handleRestart(r, logger, `ext-${id}`, specVersion);
        cache.set(id, specVersion);
      }
      for (const id of [...cache.keys()]) {
        if (present.has(id)) continue;
        await this.#handleRestart(r, logger, `ext-${id}`, 'nan');
        cache.delete(id);
      }
      r.resetRestartBackoff();
    }
  }

  /** The first event: loads and starts the services defined under the config path; false when there is none. */
  async #firstPass(r: Runtime, logger: Logger): Promise<boolean> {
    if (!(await r.nextEvent())) return false;
    const dir = this.#opts.configPath ?? EXTENSION_SERVICE_CONFIG_PATH;
    let names: string[];
    try {
      names = this.#opts.files.readdirSync(dir);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') {
        logger.log('debug', 'extension service directory is not found');
        return false;
      }
      throw new Error(goPathError(err));
    }
    if (this.#cache === undefined) this.#cache = new Map(await this.#statuses(r));
    const outcomes = readServiceDefinitions(names, (filename) => this.#read(posix.join(dir, filename)), {
      flavour: this.#flavour,
    });
    for (const o of outcomes) {
      switch (o.kind) {
        case 'skipped':
          logger.log('debug', SERVICE_DEFINITION_MESSAGES.skipped, { filename: o.filename });
          continue;
        case 'load-error':
        case 'invalid':
          logger.log('error', SERVICE_DEFINITION_MESSAGES[o.kind], { filename: o.filename, error: o.error });
          continue;
        case 'duplicate':
          logger.log('error', SERVICE_DEFINITION_MESSAGES.duplicate, { filename: o.filename, name: o.name });
          continue;
        case 'ok': {
          const service = this.#opts.services.newExtensionService(o.spec);
          this.#opts.services.load(service);
          try {
            await this.#opts.services.startServices(`ext-${o.spec.name}`);
          } catch (err) {
            throw new Error(`error starting ${goQuote(o.spec.name)} service: ${(err as Error).message}`);
          }
        }
      }
    }
    return true;
  }

  async #statuses(r: Runtime): Promise<[string, string][]> {
    const kind = { namespace: 'runtime', type: ExtensionServiceConfigStatusType.definition.type };
    return (await r.list(kind)).map((res) => [res.metadata.id, (res.spec as { specVersion: string }).specVersion]);
  }

  /** loadSpec's reading: os.Open errors come back bare, a read error is wrapped as a decode error. */
  #read(path: string): string {
    try {
      return this.#opts.files.readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'EISDIR') {
        throw new Error(`error unmarshalling extension service config: read ${path}: is a directory`);
      }
      throw new Error(goPathError(err));
    }
  }

  async #handleRestart(r: Runtime, logger: Logger, id: string, specVersion: string): Promise<void> {
    let running: boolean;
    let state: string | undefined;
    try {
      ({ running, state } = this.#opts.services.isRunning(id));
    } catch {
      // not registered (a config for a service that does not exist): ignored
      return;
    }
    const stillStarting = state === undefined || state === 'Starting' || state === 'Waiting' || state === 'Preparing';
    if (running && specVersion === '1' && (!this.#opts.strict || stillStarting)) return;
    logger.log('warn', 'extension service config changed, restarting', { service: id });
    if (running) {
      try {
        // the stop completes as virtual time moves (SIGKILL 10 s after SIGTERM): parked meanwhile, not busy
        await r.parkWhile(this.#opts.services.stopServices(id));
      } catch (err) {
        throw new Error(`error stopping extension service ${id}: ${(err as Error).message}`);
      }
    }
    try {
      await this.#opts.services.startServices(id);
    } catch (err) {
      throw new Error(`error starting extension service ${id}: ${(err as Error).message}`);
    }
  }
}
