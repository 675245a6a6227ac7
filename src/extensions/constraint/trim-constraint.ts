// Talos's `trim` step before handing a constraint to blang: every `v` directly followed by an ASCII digit is
// removed, so `>= v1.0.0` becomes `>= 1.0.0` (an uppercase `V` is kept and later fails as a comparator).
//
// Upstream rebuilds the string for each `v` it removes and does not re-examine the character that moves into place;
// that character is the digit, so removing every `v` that precedes a digit in the original string in one pass gives
// the same result in linear time (50,000 alternatives took over a minute the quadratic way).

const V_BEFORE_DIGIT = /v(?=[0-9])/g;

export function trimConstraint(constraint: string): string {
  return constraint.replace(V_BEFORE_DIGIT, '');
}
