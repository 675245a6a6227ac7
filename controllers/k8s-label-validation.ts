// What Kubernetes accepts as a label key and value, as Talos checks them (pkg/machinery/labels/validate.go:
// ValidateQualifiedName and ValidateLabelValue). Lengths are Go's, in bytes.

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MAX = 63;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** `prefix/name` or `name`: prefix a DNS-1123 subdomain, name ≤ 63 bytes of `[A-Za-z0-9][-A-Za-z0-9_.]*`. */
export function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? (parts[1] as string) : (parts[0] as string);
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '' || byteLength(prefix) > DNS1123_SUBDOMAIN_MAX || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return name !== '' && byteLength(name) <= QUALIFIED_NAME_MAX && QUALIFIED_NAME.test(name);
}

/** Empty, or ≤ 63 bytes starting and ending with an alphanumeric, with `-`, `_` and `.` between. */
export function isLabelValue(value: string): boolean {
  return byteLength(value) <= LABEL_VALUE_MAX && LABEL_VALUE.test(value);
}
