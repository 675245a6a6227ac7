// What Talos's config loader knows, per release (pkg/machinery/config/types at the release tags, at minor-release
// granularity): the document kinds its registry has, and the keys of the v1alpha1 document's main sections. Keys
// below those sections are not checked by talos-sim (a known difference: Talos checks every level).

/** Document kind → first release whose registry has it. */
export const DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  EventSinkConfig: 'v1.5.0',
  KmsgLogConfig: 'v1.5.0',
  SideroLinkConfig: 'v1.5.0',
  NetworkRuleConfig: 'v1.6.0',
  ExtensionServiceConfig: 'v1.7.0',
  WatchdogTimerConfig: 'v1.7.0',
  KubeSpanEndpointsConfig: 'v1.8.0',
  VolumeConfig: 'v1.8.0',
  EthernetConfig: 'v1.10.0',
  UserVolumeConfig: 'v1.10.0',
  ExistingVolumeConfig: 'v1.11.0',
  RawVolumeConfig: 'v1.11.0',
  SwapVolumeConfig: 'v1.11.0',
  ZswapConfig: 'v1.11.0',
  BondConfig: 'v1.12.0',
  BridgeConfig: 'v1.12.0',
  DHCPv4Config: 'v1.12.0',
  DHCPv6Config: 'v1.12.0',
  DummyLinkConfig: 'v1.12.0',
  HCloudVIPConfig: 'v1.12.0',
  HostnameConfig: 'v1.12.0',
  Layer2VIPConfig: 'v1.12.0',
  LinkAliasConfig: 'v1.12.0',
  LinkConfig: 'v1.12.0',
  OOMConfig: 'v1.12.0',
  ResolverConfig: 'v1.12.0',
  StaticHostConfig: 'v1.12.0',
  TimeSyncConfig: 'v1.12.0',
  VLANConfig: 'v1.12.0',
  WireguardConfig: 'v1.12.0',
  BlackholeRouteConfig: 'v1.13.0',
  EnvironmentConfig: 'v1.13.0',
  ExternalVolumeConfig: 'v1.13.0',
  ImageVerificationConfig: 'v1.13.0',
  KubeSpanConfig: 'v1.13.0',
  RoutingRuleConfig: 'v1.13.0',
  TCPProbeConfig: 'v1.13.0',
  VRFConfig: 'v1.13.0',
  HTTPProbeConfig: 'v1.14.0-alpha.1',
  DiscoveryServiceConfig: 'v1.14.0-alpha.2',
  FilesystemTrimConfig: 'v1.14.0-alpha.2',
  LVMLogicalVolumeConfig: 'v1.14.0-alpha.2',
  LVMVolumeGroupConfig: 'v1.14.0-alpha.2',
  SysctlConfig: 'v1.14.0-alpha.2',
  SysfsConfig: 'v1.14.0-alpha.2',
  BGPInstanceConfig: 'v1.14.0-beta.1',
  CRIBaseRuntimeSpecConfig: 'v1.14.0-beta.1',
  CRICustomizationConfig: 'v1.14.0-beta.1',
  DiscoveryIdentityConfig: 'v1.14.0-beta.1',
  EtcFileConfig: 'v1.14.0-beta.1',
  FilesystemScrubConfig: 'v1.14.0-beta.1',
  KernelModuleConfig: 'v1.14.0-beta.1',
  RAIDArrayConfig: 'v1.14.0-beta.1',
  SecurityProfileConfig: 'v1.14.0-beta.1',
  UdevRulesConfig: 'v1.14.0-beta.1',
  UnattendedInstallConfig: 'v1.14.0-beta.1',
  VethConfig: 'v1.14.0-beta.1',
  ContainerConfig: 'v1.14.0-rc.1',
};

const V1 = 'v1.0.0';

/** Keys of the v1alpha1 document's sections → first release that has them. */
export const V1ALPHA1_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '': { version: V1, debug: V1, persist: V1, machine: V1, cluster: V1 },
  machine: {
    ...Object.fromEntries(
      ['type', 'token', 'ca', 'certSANs', 'controlPlane', 'kubelet', 'pods', 'network', 'disks', 'install', 'files']
        .concat(['env', 'time', 'sysctls', 'sysfs', 'registries', 'systemDiskEncryption', 'features', 'udev'])
        .concat(['logging', 'kernel'])
        .map((k) => [k, V1]),
    ),
    seccompProfiles: 'v1.2.0',
    nodeLabels: 'v1.3.0',
    nodeTaints: 'v1.6.0',
    acceptedCAs: 'v1.7.0',
    nodeAnnotations: 'v1.8.0',
    baseRuntimeSpecOverrides: 'v1.9.0',
  },
  cluster: {
    ...Object.fromEntries(
      ['id', 'secret', 'controlPlane', 'clusterName', 'network', 'token', 'aescbcEncryptionSecret', 'ca']
        .concat(['aggregatorCA', 'serviceAccount', 'apiServer', 'controllerManager', 'proxy', 'scheduler'])
        .concat(['discovery', 'etcd', 'coreDNS', 'externalCloudProvider', 'extraManifests', 'extraManifestHeaders'])
        .concat(['inlineManifests', 'adminKubeconfig', 'allowSchedulingOnMasters'])
        .map((k) => [k, V1]),
    ),
    allowSchedulingOnControlPlanes: 'v1.2.0',
    secretboxEncryptionSecret: 'v1.3.0',
    acceptedCAs: 'v1.7.0',
  },
  'machine.install': {
    ...Object.fromEntries(
      ['disk', 'diskSelector', 'extraKernelArgs', 'image', 'extensions', 'bootloader', 'wipe', 'legacyBIOSSupport'].map(
        (k) => [k, V1],
      ),
    ),
    grubUseUKICmdline: 'v1.12.0',
  },
  'machine.features': {
    rbac: V1,
    stableHostname: 'v1.2.0',
    kubernetesTalosAPIAccess: 'v1.2.0',
    apidCheckExtKeyUsage: 'v1.3.0',
    diskQuotaSupport: 'v1.5.0',
    kubePrism: 'v1.5.0',
    hostDNS: 'v1.7.0',
    imageCache: 'v1.9.0',
    nodeAddressSortAlgorithm: 'v1.9.0',
  },
};
