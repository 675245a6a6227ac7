// The two enums of the service spec, as dmarkham/enumer generates them with `-linecomment -text`: values start at
// 1, `String()` of an unknown value is `<Type>(<n>)`, and text decoding matches the name exactly or lower-cased
// (so `UntilSuccess` and `ADDRESSES` decode), failing with `<text> does not belong to <Type> values`.

export interface GoEnum {
  /** The Go type name used in String() of unknown values, e.g. `RestartKind`. */
  readonly typeName: string;
  /** Names in value order; value = index + 1. */
  readonly names: readonly string[];
}

/** enumer's String(): the name, or `RestartKind(7)` for a value outside the enum. */
export function enumString(e: GoEnum, value: number): string {
  const name = Number.isInteger(value) && value >= 1 ? e.names[value - 1] : undefined;
  return name ?? `${e.typeName}(${value})`;
}

/** enumer's IsA<Type>(). */
export function enumIsValid(e: GoEnum, value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= e.names.length;
}

/** enumer's `<Type>String(s)`: the value, or the error text. */
export function enumParse(e: GoEnum, text: string): number | { readonly error: string } {
  const exact = e.names.indexOf(text);
  if (exact >= 0) return exact + 1;
  const lower = e.names.findIndex((n) => n.toLowerCase() === text.toLowerCase());
  if (lower >= 0) return lower + 1;
  return { error: `${text} does not belong to ${e.typeName} values` };
}

/** services.RestartKind: always=1, never=2, untilSuccess=3. */
export const RESTART_KIND: GoEnum = { typeName: 'RestartKind', names: ['always', 'never', 'untilSuccess'] };

/** nethelpers.Status: addresses=1, connectivity=2, hostname=3, etcfiles=4. */
export const NETWORK_STATUS: GoEnum = {
  typeName: 'Status',
  names: ['addresses', 'connectivity', 'hostname', 'etcfiles'],
};

/** Named RestartKind values. */
export const RestartKind = { always: 1, never: 2, untilSuccess: 3 } as const;
export type RestartKindName = keyof typeof RestartKind;

/** Named network readiness statuses. */
export const NetworkStatus = { addresses: 1, connectivity: 2, hostname: 3, etcfiles: 4 } as const;
export type NetworkStatusName = keyof typeof NetworkStatus;
