// The two conventions for marking deletions and opaque directories in overlay layers:
// - kernel overlayfs: a whiteout is a character device 0/0, an opaque directory has `trusted.overlay.opaque=y`;
// - OCI image layers (from AUFS): a whiteout is a file `.wh.<name>`, an opaque directory holds `.wh..wh..opq`.
import { S_IFCHR, S_IFMT } from './file-type.js';
import type { LayerStat } from './layer.js';

export const OVERLAY_OPAQUE_XATTR = 'trusted.overlay.opaque';
export const OCI_WHITEOUT_PREFIX = '.wh.';
export const OCI_OPAQUE_MARKER = '.wh..wh..opq';

/** Which marker conventions an overlay recognises in its layers. */
export type MarkerConvention = 'kernel' | 'oci' | 'both';

/** True for the inode of a kernel-style whiteout (character device with device number 0/0). */
export function isKernelWhiteout(stat: LayerStat): boolean {
  return (stat.mode & S_IFMT) === S_IFCHR && stat.rdev === 0;
}

/** True when an xattr value marks a directory opaque (`y`, as the kernel checks). */
export function isOpaqueXattr(value: Uint8Array | undefined): boolean {
  return value !== undefined && value.length === 1 && value[0] === 0x79;
}

/** The name an OCI whiteout file for `name` has. */
export function ociWhiteoutName(name: string): string {
  return OCI_WHITEOUT_PREFIX + name;
}

/** The name an OCI whiteout hides, or undefined when `name` is not a whiteout (the opaque marker is not). */
export function ociWhitedOutName(name: string): string | undefined {
  if (!name.startsWith(OCI_WHITEOUT_PREFIX) || name === OCI_OPAQUE_MARKER) return undefined;
  const hidden = name.slice(OCI_WHITEOUT_PREFIX.length);
  return hidden === '' ? undefined : hidden;
}

/** True for names the OCI convention reserves (whiteouts and the opaque marker). */
export function isOciMarkerName(name: string): boolean {
  return name.startsWith(OCI_WHITEOUT_PREFIX);
}
