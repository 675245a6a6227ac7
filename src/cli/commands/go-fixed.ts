// Go's fmt `%.Nf`: the exact binary value rounded to N decimals, ties to even. JavaScript's toFixed rounds the same
// exact value but breaks ties upwards (12.5 → "13" where Go prints "12"), so ties are settled here.

export function goFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  const exact = Math.abs(value) < 1e21 ? value.toFixed(100) : undefined;
  const rounded = value.toFixed(digits);
  if (exact === undefined) return rounded;
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(rest)) return rounded;
  // an exact tie: toFixed went away from zero; Go keeps the even neighbour
  const kept = exact.slice(0, point + (digits === 0 ? 0 : 1 + digits));
  const last = Number(kept.at(-1));
  return last % 2 === 0 ? kept : rounded;
}
