// /etc/cri/conf.d/00-base.part as each Talos release ships it in its rootfs (hack/cri-plugin.part at the tags;
// boundaries are the first tags with each text). The rootfs builder puts it there; the CRI config controllers merge
// it with the registries part, the user's customization and what extensions ship.
import { hasBackport, isTalosAtLeast } from '../resources/talos-release.js';

const V1_0 = `version = 2

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
    discard_unpacked_layers = true
`;

const V1_8 = `version = 3

[plugins."io.containerd.cri.v1.images"]
  discard_unpacked_layers = true
`;

const V1_9 = `${V1_8}
[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
  base_runtime_spec = "/etc/cri/conf.d/base-spec.json"
`;

const V1_10 = `${V1_9}
[plugins."io.containerd.nri.v1.nri"]
  disable = true
`;

const IMAGES_V1_11 = `version = 3

[plugins."io.containerd.cri.v1.images"]
  discard_unpacked_layers = true
  use_local_image_pull = true
`;

const RUNC = `
[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
  base_runtime_spec = "/etc/cri/conf.d/base-spec.json"
`;

const NRI = `
[plugins."io.containerd.nri.v1.nri"]
  disable = true
`;

const CDI = `
[plugins."io.containerd.cri.v1.runtime"]
  enable_cdi = true
  cdi_spec_dirs = ["/run/cdi"]
`;

const V1_11 = IMAGES_V1_11 + RUNC + NRI;
const V1_13 = IMAGES_V1_11 + CDI + RUNC + NRI;
const V1_14 = `${IMAGES_V1_11 + CDI + RUNC}
[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
  ShimCgroup = "/podruntime/shim"
`;

/** constants.CRIBaseConfigPart path under /etc. */
export const CRI_BASE_PART = 'cri/conf.d/00-base.part';

/** The content of /etc/cri/conf.d/00-base.part in the rootfs of a release. */
export function criBasePart(version: string): string {
  const at = (tag: string) => isTalosAtLeast(version, tag);
  if (at('v1.14.0-alpha.2')) return V1_14;
  if (at('v1.13.0-beta.0')) return V1_13;
  if (at('v1.11.0-alpha.1')) return V1_11;
  // the nri section came with v1.10.0-alpha.1 and was backported to v1.9.2
  if (hasBackport(version, { 'v1.9': 'v1.9.2', 'v1.10': 'v1.10.0-alpha.1' })) return V1_10;
  if (at('v1.9.0-beta.0')) return V1_9;
  if (at('v1.8.0-alpha.2')) return V1_8;
  return V1_0;
}
