// Node addresses as talosctl's `--nodes` takes them: an IPv4 or IPv6 address, or a DNS name. They are printed as
// given in the NODE column, so anything else (control characters, `999.1.1.1`, empty strings) is refused here.
import { isIPv6 as netIsIPv6 } from 'node:net';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;

function isIPv4(address: string): boolean {
  const parts = address.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_OCTET.test(p) && Number(p) <= 255);
}

/**
 * node:net's test, asked only of text with a colon (every IPv6 address has one): its first call compiles a regular
 * expression that cost 10–15 ms of a `sim get extensions` whose node is an IPv4 address.
 */
function isIPv6(address: string): boolean {
  return address.includes(':') && netIsIPv6(address);
}

function isDnsName(address: string): boolean {
  const name = address.endsWith('.') ? address.slice(0, -1) : address;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // a name made of numbers only would read as an IPv4 address: it must be a valid one
  if (labels.every((l) => /^\d+$/.test(l))) return false;
  return labels.every((l) => LABEL.test(l));
}

/** Why `address` is not a node address, or undefined when it is one. */
export function nodeAddressProblem(address: string): string | undefined {
  if (address === '') return 'a node address must not be empty';
  if (isIPv4(address) || isIPv6(address) || isDnsName(address)) return undefined;
  return 'not an IPv4 or IPv6 address or a DNS name';
}

/**
 * The node an address names, for telling addresses apart: IPv6 in its canonical form (`FD00:0::3` is `fd00::3`), DNS
 * names without case or a final dot. Two spellings of one node are one node.
 */
export function canonicalNodeAddress(address: string): string {
  if (isIPv6(address)) {
    // a zone (`fe80::1%eth0`) is not part of a URL's host: the address is canonical, the zone kept as written
    const zone = address.indexOf('%');
    const ip = zone === -1 ? address : address.slice(0, zone);
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1) + (zone === -1 ? '' : address.slice(zone));
  }
  if (isIPv4(address)) return address;
  return (address.endsWith('.') ? address.slice(0, -1) : address).toLowerCase();
}
