// What machined derives from the node identity (internal/app/machined/pkg/adapters/cluster/identity.go): a NodeID
// made of constants.DefaultNodeIdentitySize random bytes, and the /etc/machine-id form of it, which the IQN and
// NQN controllers build on too.
import type { Random } from '../src/cosi/index.js';
import { GoPanic } from './controller-failure.js';
import { decodeBase62, encodeBase62 } from './identity-base62.js';

/** constants.DefaultNodeIdentitySize */
export const NODE_IDENTITY_SIZE = 32;

/** IdentitySpec.Generate: base62 of 32 random bytes, here drawn from the node's injected source. */
export function generateNodeId(random: Random): string {
  const bytes = Uint8Array.from({ length: NODE_IDENTITY_SIZE }, () => Math.floor(random.next() * 256));
  return encodeBase62(bytes);
}

/**
 * IdentitySpec.ConvertMachineID: the hex of the first 16 bytes of the decoded NodeID (32 characters, no newline).
 * Throws a Base62Error for a NodeID outside the alphabet, and Go's slice panic when it decodes to under 16 bytes.
 */
export function convertMachineId(nodeId: string): string {
  const raw = decodeBase62(nodeId);
  if (raw.length < 16) throw new GoPanic(`runtime error: slice bounds out of range [:16] with capacity ${raw.length}`);
  return Buffer.from(raw.subarray(0, 16)).toString('hex');
}
