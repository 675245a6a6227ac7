// What Talos's config loader knows, per release (pkg/machinery/config/types at the release tags): the document kinds
// its registry has (per tag), and the keys of the v1alpha1 document's main sections (per minor release). Keys
// below those sections are not checked by talos-sim (a known difference: Talos checks every level).

/**
 * Document kind → first tag whose registry has it (pre-releases included), in that order. Computed from every tag's
 * `registry.Register(…)` calls; no kind was ever back-ported to an older line.
 */
export const DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  SideroLinkConfig: 'v1.5.0-alpha.1',
  EventSinkConfig: 'v1.5.0-alpha.2',
  KmsgLogConfig: 'v1.5.0-alpha.2',
  NetworkDefaultActionConfig: 'v1.6.0-beta.0',
  NetworkRuleConfig: 'v1.6.0-beta.0',
  ExtensionServiceConfig: 'v1.7.0-alpha.1',
  WatchdogTimerConfig: 'v1.7.0-beta.0',
  TrustedRootsConfig: 'v1.8.0-alpha.2',
  KubespanEndpointsConfig: 'v1.8.0-beta.0',
  VolumeConfig: 'v1.8.0-beta.0',
  KubeSpanEndpointsConfig: 'v1.8.0',
  PCIDriverRebindConfig: 'v1.10.0-alpha.0',
  EthernetConfig: 'v1.10.0-alpha.2',
  UserVolumeConfig: 'v1.10.0-beta.0',
  SwapVolumeConfig: 'v1.11.0-alpha.2',
  ZswapConfig: 'v1.11.0-alpha.2',
  ExistingVolumeConfig: 'v1.11.0-beta.0',
  RawVolumeConfig: 'v1.11.0-beta.0',
  DummyLinkConfig: 'v1.12.0-alpha.1',
  HostnameConfig: 'v1.12.0-alpha.1',
  LinkConfig: 'v1.12.0-alpha.1',
  OOMConfig: 'v1.12.0-alpha.1',
  StaticHostConfig: 'v1.12.0-alpha.1',
  DHCPv4Config: 'v1.12.0-alpha.2',
  DHCPv6Config: 'v1.12.0-alpha.2',
  HCloudVIPConfig: 'v1.12.0-alpha.2',
  Layer2VIPConfig: 'v1.12.0-alpha.2',
  LinkAliasConfig: 'v1.12.0-alpha.2',
  BondConfig: 'v1.12.0-beta.0',
  BridgeConfig: 'v1.12.0-beta.0',
  RegistryAuthConfig: 'v1.12.0-beta.0',
  RegistryMirrorConfig: 'v1.12.0-beta.0',
  RegistryTLSConfig: 'v1.12.0-beta.0',
  ResolverConfig: 'v1.12.0-beta.0',
  TimeSyncConfig: 'v1.12.0-beta.0',
  VLANConfig: 'v1.12.0-beta.0',
  WireguardConfig: 'v1.12.0-beta.0',
  ExternalVolumeConfig: 'v1.13.0-alpha.0',
  EnvironmentConfig: 'v1.13.0-alpha.1',
  KubeSpanConfig: 'v1.13.0-alpha.1',
  TCPProbeConfig: 'v1.13.0-alpha.1',
  BlackholeRouteConfig: 'v1.13.0-beta.0',
  ImageVerificationConfig: 'v1.13.0-beta.0',
  RoutingRuleConfig: 'v1.13.0-beta.0',
  VRFConfig: 'v1.13.0-beta.0',
  HTTPProbeConfig: 'v1.14.0-alpha.1',
  ImageCacheConfig: 'v1.14.0-alpha.1',
  KubeControllerManagerConfig: 'v1.14.0-alpha.1',
  KubeEtcdEncryptionConfig: 'v1.14.0-alpha.1',
  KubeSchedulerConfig: 'v1.14.0-alpha.1',
  DiscoveryServiceConfig: 'v1.14.0-alpha.2',
  FilesystemTrimConfig: 'v1.14.0-alpha.2',
  KubeAPIServerConfig: 'v1.14.0-alpha.2',
  KubeAdmissionControlConfig: 'v1.14.0-alpha.2',
  KubeAuditPolicyConfig: 'v1.14.0-alpha.2',
  KubeAuthenticationConfig: 'v1.14.0-alpha.2',
  KubeAuthorizerConfig: 'v1.14.0-alpha.2',
  KubeFlannelCNIConfig: 'v1.14.0-alpha.2',
  KubeNetworkConfig: 'v1.14.0-alpha.2',
  KubeProxyConfig: 'v1.14.0-alpha.2',
  LVMLogicalVolumeConfig: 'v1.14.0-alpha.2',
  LVMVolumeGroupConfig: 'v1.14.0-alpha.2',
  SysctlConfig: 'v1.14.0-alpha.2',
  SysfsConfig: 'v1.14.0-alpha.2',
  BGPPeerConfig: 'v1.14.0-beta.0',
  CRIBaseRuntimeSpecConfig: 'v1.14.0-beta.0',
  CRICustomizationConfig: 'v1.14.0-beta.0',
  DiscoveryIdentityConfig: 'v1.14.0-beta.0',
  EtcFileConfig: 'v1.14.0-beta.0',
  KernelModuleConfig: 'v1.14.0-beta.0',
  KubeAPIServerCAConfig: 'v1.14.0-beta.0',
  KubeAggregatorCAConfig: 'v1.14.0-beta.0',
  KubeClusterConfig: 'v1.14.0-beta.0',
  KubeCoreDNSConfig: 'v1.14.0-beta.0',
  KubeCredentialProviderConfig: 'v1.14.0-beta.0',
  KubeExternalManifestConfig: 'v1.14.0-beta.0',
  KubeInlineManifestConfig: 'v1.14.0-beta.0',
  KubeNodeConfig: 'v1.14.0-beta.0',
  KubePrismConfig: 'v1.14.0-beta.0',
  KubeServiceAccountConfig: 'v1.14.0-beta.0',
  KubeStaticPodConfig: 'v1.14.0-beta.0',
  KubeletConfig: 'v1.14.0-beta.0',
  RAIDArrayConfig: 'v1.14.0-beta.0',
  SecurityProfileConfig: 'v1.14.0-beta.0',
  UdevRulesConfig: 'v1.14.0-beta.0',
  UnattendedInstallConfig: 'v1.14.0-beta.0',
  BGPInstanceConfig: 'v1.14.0-beta.1',
  FilesystemScrubConfig: 'v1.14.0-beta.1',
  KubeTalosAPIAccessConfig: 'v1.14.0-beta.1',
  VethConfig: 'v1.14.0-beta.1',
  ContainerConfig: 'v1.14.0-rc.1',
};

/** Kinds a pre-release registered and the next tag dropped (renamed or withdrawn) → first tag without them. */
export const REMOVED_DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  KubespanEndpointsConfig: 'v1.8.0',
  BGPPeerConfig: 'v1.14.0-beta.1',
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
