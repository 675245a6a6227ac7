// Service (runtime namespace, `Services.v1alpha1.talos.dev`): one per service that is Running, as
// v1alpha1.ServiceController mirrors the service supervisor's events; destroyed on any other state. Alias `svc`;
// columns Running, Healthy and Health Unknown (pkg/machinery/resources/v1alpha1/service.go, v1.11–v1.14).
import type { ResourceType } from '../src/cosi/index.js';

export const ServiceResourceType = 'Services.v1alpha1.talos.dev';

export interface ServiceSpec {
  running: boolean;
  healthy: boolean;
  /** No health check result yet (always true for extension services, which have no health checks). */
  unknown: boolean;
}

export const ServiceType: ResourceType<ServiceSpec> = {
  definition: {
    type: ServiceResourceType,
    defaultNamespace: 'runtime',
    aliases: ['svc'],
    printColumns: [
      { name: 'Running', jsonPath: '{.running}' },
      { name: 'Healthy', jsonPath: '{.healthy}' },
      { name: 'Health Unknown', jsonPath: '{.unknown}' },
    ],
  },
  newSpec: () => ({ running: false, healthy: false, unknown: false }),
};
