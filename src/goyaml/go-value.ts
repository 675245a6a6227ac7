// The Go values go-yaml's Unmarshal into `any` produces, as plain-ish JS:
// nil → null, bool → boolean, int/uint64 → bigint, float64 → number, string → string,
// time.Time → GoTime, []interface{} → array, maps → GoMap.
import type { GoMap } from './go-map.js';
import type { GoTime } from './go-time.js';

export type GoValue = null | boolean | bigint | number | string | GoTime | GoMap | readonly GoValue[];
