// Image references as container tooling parses them (distribution/reference): `[domain/]path[:tag][@digest]`,
// with Docker Hub's defaults (`docker.io`, `library/`, tag `latest` when neither tag nor digest is given).
import { RegistryError } from './registry-error.js';

export interface ImageReference {
  /** Registry host (and port), e.g. `ghcr.io`. */
  readonly domain: string;
  /** Repository path inside the registry, e.g. `siderolabs/gvisor`. */
  readonly path: string;
  /** `domain/path`. */
  readonly repository: string;
  readonly tag: string | undefined;
  /** `sha256:<64 hex>` when the reference is pinned. */
  readonly digest: string | undefined;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses a reference; throws RegistryError `invalid-reference`. */
export function parseImageReference(input: string): ImageReference {
  const fail = (reason: string): never => {
    throw new RegistryError({ kind: 'invalid-reference', reference: input, reason });
  };
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) fail('invalid digest (expected sha256: and 64 lowercase hex digits)');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail('invalid tag');
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  const first = parts[0] ?? '';
  if (
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  ) {
    domain = first;
    parts.shift();
    if (!DOMAIN.test(domain)) fail('invalid registry domain');
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    fail(parts.some((p) => p !== p.toLowerCase()) ? 'repository name must be lowercase' : 'invalid reference format');
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (`${domain}/${path}`.length > 255) fail('repository name must not be more than 255 characters');
  return {
    domain,
    path,
    repository: `${domain}/${path}`,
    tag: tag ?? (digest === undefined ? 'latest' : undefined),
    digest,
  };
}

/** `repository[:tag][@digest]`. */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.repository}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}
