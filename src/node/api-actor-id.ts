// The actor id machined logs with an API request it acts on (`reboot via API received. actor id: …`).
import type { Random } from '../cosi/index.js';

/** The actor id machined logs for an API request: a UUID (version 4), here from the node's random source. */
export function apiActorId(random: Random): string {
  const hex = Array.from({ length: 16 }, () => Math.floor(random.next() * 256));
  hex[6] = ((hex[6] as number) & 0x0f) | 0x40;
  hex[8] = ((hex[8] as number) & 0x3f) | 0x80;
  const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
