// Marks a number as a Go float64. Plain JS numbers are Go ints when they are integral; a float64 holding
// a whole number prints differently (`float64(1000000)` → `1e+06`, `int(1000000)` → `1000000`).

export class GoFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** Shorthand for `new GoFloat(value)`. */
export function float64(value: number): GoFloat {
  return new GoFloat(value);
}
