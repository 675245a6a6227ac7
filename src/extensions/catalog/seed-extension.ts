// The shape of a seeded extension: the image repository it is published under, its manifest release by release, and
// a recipe for its rootfs given the release it is built for.
import type { FileSpec } from '../image/image-description.js';
import type { SeedContext } from './seed-context.js';

export type SeedTier = 'core' | 'extra' | 'contrib' | 'deprecated';

export interface SeedManifest {
  /** `metadata.name`: the image repository's name but where the manifest said otherwise. */
  readonly name: string;
  /** A literal `metadata.version`; absent: the image tag (the VERSION the Makefile tags with). */
  readonly version?: string;
  /** The `[tier]` tag descriptions carry from v1.11; absent for an extension gone before then. */
  readonly tier?: SeedTier;
  readonly author: string;
  /** The description after the `[tier] ` tag, one string per line. */
  readonly description: readonly string[];
  readonly constraint: string;
}

/** How a manifest differed in releases before `before`. */
export interface SeedManifestEra {
  readonly before: string;
  readonly differs: Partial<SeedManifest>;
}

export interface SeedExtension {
  /** Image repository name under `ghcr.io/siderolabs/` (the Makefile target and pkg name). */
  readonly name: string;
  /** The manifest as of the newest release. */
  readonly manifest: SeedManifest;
  /** Older manifests, newest boundary first; every era whose `before` is after the release applies, in order. */
  readonly earlier?: readonly SeedManifestEra[];
  rootfs(ctx: SeedContext): Record<string, FileSpec>;
}
