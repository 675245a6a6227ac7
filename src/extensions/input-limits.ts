// Size limits of the inputs talos-sim parses, in one place: each input is refused before it is parsed (or read)
// when it is larger, with the limit in the message. The values are talos-sim's own, chosen far above real inputs so
// that only hostile or mistaken ones reach them; the reasons are next to each.

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const INPUT_LIMITS = {
  /**
   * An extension's `manifest.yaml`: 1 MiB. Real manifests are under 2 KiB; Image Factory's schematic in `extraInfo`
   * is a few KiB at most.
   */
  manifestBytes: 1 * MiB,
  /**
   * One JSON document of an OCI image layout or docker archive (`oci-layout`, `index.json`, image manifests and
   * indexes, `manifest.json`): 4 MiB, the manifest size the OCI distribution spec says registries should accept.
   */
  ociJsonBytes: 4 * MiB,
  /**
   * A machine config read by the legacy installer path (`.machine.install.extensions`): 4 MiB. Configs with inline
   * manifests reach a few hundred KiB.
   */
  machineConfigBytes: 4 * MiB,
  /**
   * One extension image: its layers uncompressed, all together (an image of six 1 GiB layers is refused as a whole,
   * not accepted one layer at a time); an image tarball uncompressed; and any single file of an image read from disk
   * (a blob, a tarball, a file of an image directory): 1 GiB. The largest official extensions (firmware, GPU
   * drivers) are a few hundred MiB. `ImageSelection.maxDecompressedBytes` overrides it per read.
   */
  imageBytes: 1 * GiB,
  /**
   * A scenario file: 16 MiB. A fleet of 10,000 nodes listed one address a line is about 200 KiB; inline images are
   * meant for small test files.
   */
  scenarioBytes: 16 * MiB,
  /** A file a scenario's `run` step compares output with: 64 MiB, far above any command's output. */
  expectationBytes: 64 * MiB,
} as const;

export type InputLimit = keyof typeof INPUT_LIMITS;
