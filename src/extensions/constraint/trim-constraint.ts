// Talos's `trim` step before handing a constraint to blang: every `v` directly followed by an ASCII digit is
// removed, so `>= v1.0.0` becomes `>= 1.0.0` (an uppercase `V` is kept and later fails as a comparator).

export function trimConstraint(constraint: string): string {
  let s = constraint;
  // mirrors upstream's loop, which does not re-examine the character that moves into position i
  for (let i = 0; i < s.length; i++) {
    const next = s.charCodeAt(i + 1);
    if (s[i] === 'v' && next >= 0x30 && next <= 0x39) s = s.slice(0, i) + s.slice(i + 1);
  }
  return s;
}
