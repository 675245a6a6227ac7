// The controllers of this directory that machined of a given release runs, in its registration order
// (internal/app/machined/pkg/runtime/v1alpha2/v1alpha2_controller.go at the release tags), each built with what it
// needs from the node. A node of release R runs exactly the controllers R had.

import { isTalosAtLeast } from '../resources/talos-release.js';
import { RESOURCE_TYPE_SINCE } from '../resources/talos-resource-types.js';
import type { Controller, Random } from '../src/cosi/index.js';
import type { TalosVersionFacts } from '../src/extensions/index.js';
import type { NodeFs } from '../src/overlayfs-sim/index.js';
import type { ExtensionService } from '../src/services/index.js';
import { CriConfigController } from './cri-config-controller.js';
import { CriConfigPartsController } from './cri-config-parts-controller.js';
import { CriRegistryConfigController } from './cri-registry-config-controller.js';
import { EtcFileController, type EtcFileMounts } from './etc-file-controller.js';
import { ExtensionServiceConfigController } from './extension-service-config-controller.js';
import { ExtensionServiceConfigFilesController } from './extension-service-config-files-controller.js';
import { ExtensionServiceController, type ServiceManager } from './extension-service-controller.js';
import { ExtensionStatusController } from './extension-status-controller.js';
import { ImageFactorySchematicController } from './image-factory-schematic-controller.js';
import { IQNController } from './iqn-controller.js';
import { NodeAnnotationSpecController } from './node-annotation-spec-controller.js';
import { NodeIdentityController, type NodeIdentityStore } from './node-identity-controller.js';
import { NodeLabelSpecController } from './node-label-spec-controller.js';
import { NQNController } from './nqn-controller.js';
import { SBOMItemController } from './sbom-item-controller.js';
import { ServiceController, type ServiceEventSource } from './service-controller.js';

/** First tags of the controllers whose resource types predate them or that replaced one another. */
export const CONTROLLER_SINCE = {
  /** Extension labels and annotations (extensionsToNodeKV) came with the annotation controller. */
  extensionNodeKeys: 'v1.8.0-alpha.2',
  /** files.CRIConfigController replaced CRIConfigPartsController and CRIRegistryConfigController. */
  criConfigController: 'v1.14.0-beta.0',
  /** files.IQNController and files.NQNController (commit 79987c05d). */
  iqnNqnControllers: 'v1.10.0-alpha.1',
} as const;

/** What the controllers of extension services need of the node's service supervisor. */
export type MachinedServices = ServiceManager<ExtensionService> & ServiceEventSource;

/** What the node passes: its release, its filesystem namespace and the bind mounts of /etc files. */
export interface MachinedContext {
  /** The node's release (its tag, e.g. `v1.13.0`, and its go-yaml release). */
  readonly facts: Pick<TalosVersionFacts, 'version' | 'goYaml'>;
  /** The node's namespace as machined sees it (root overlay, /etc/extensions.yaml bind mount, tmpfs /system). */
  readonly fs: NodeFs;
  /** Read-only bind mounts of the /system/etc shadow copies over /etc (the node's mount table). */
  readonly mounts: EtcFileMounts;
  /** The service supervisor of this boot; without it the controllers of extension services are left out. */
  readonly services?: MachinedServices;
  /**
   * Where the node identity comes from and is kept across boots (the STATE partition's node-identity.yaml); without
   * it the identity controllers (cluster.NodeIdentityController, files.IQNController, files.NQNController) are left
   * out.
   */
  readonly identity?: { readonly store: NodeIdentityStore; readonly random: Random };
  /** Not upstream: restart a Running extension service when its config first appears (see ExtensionServiceController). */
  readonly strictServiceConfig?: boolean;
}

/** The controllers the node's release runs, in machined's registration order. */
export function machinedControllers(ctx: MachinedContext): Controller[] {
  const talosVersion = ctx.facts.version;
  const at = (tag: string) => isTalosAtLeast(talosVersion, tag);
  const controllers: Controller[] = [];
  // cluster.*
  const identity = ctx.identity;
  if (identity !== undefined) controllers.push(new NodeIdentityController({ ...identity, talosVersion }));
  // files.*: machined registers them alphabetically
  if (at(CONTROLLER_SINCE.criConfigController)) {
    controllers.push(new CriConfigController({ files: ctx.fs, talosVersion }));
  } else {
    controllers.push(new CriConfigPartsController({ files: ctx.fs, talosVersion }));
    controllers.push(new CriRegistryConfigController({ talosVersion }));
  }
  controllers.push(new EtcFileController({ files: ctx.fs, mounts: ctx.mounts }));
  if (identity !== undefined && at(CONTROLLER_SINCE.iqnNqnControllers)) {
    controllers.push(new IQNController({ talosVersion }));
    controllers.push(new NQNController({ talosVersion }));
  }
  // k8s.*
  if (at(RESOURCE_TYPE_SINCE.nodeAnnotationSpec)) controllers.push(new NodeAnnotationSpecController({ talosVersion }));
  if (at(RESOURCE_TYPE_SINCE.nodeLabelSpec)) {
    const extensionKeys = at(CONTROLLER_SINCE.extensionNodeKeys);
    controllers.push(new NodeLabelSpecController({ talosVersion, extensionKeys }));
  }
  // runtime.*
  const services = ctx.services;
  if (services !== undefined && at(RESOURCE_TYPE_SINCE.extensionServiceConfig)) {
    controllers.push(new ExtensionServiceConfigController());
    controllers.push(new ExtensionServiceConfigFilesController({ fs: ctx.fs }));
  }
  if (services !== undefined) {
    controllers.push(
      new ExtensionServiceController({
        services,
        files: ctx.fs,
        talosVersion,
        ...(ctx.strictServiceConfig === true ? { strict: true } : {}),
      }),
    );
  }
  controllers.push(new ExtensionStatusController(ctx.fs, { goYaml: ctx.facts.goYaml }));
  if (at(RESOURCE_TYPE_SINCE.imageFactorySchematic)) controllers.push(new ImageFactorySchematicController());
  if (at(RESOURCE_TYPE_SINCE.sbomItem)) controllers.push(new SBOMItemController({ files: ctx.fs, talosVersion }));
  // v1alpha1.*
  if (services !== undefined) controllers.push(new ServiceController(services));
  return controllers;
}
