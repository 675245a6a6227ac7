// Go's time.Duration String() for the runtime's log lines ("restarting controller in 512.3ms").

export function formatGoDuration(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e3) return `${sign}${rest}ns`;
  if (rest < 1e6) return `${sign}${trim(rest / 1e3)}µs`;
  if (rest < 1e9) return `${sign}${trim(rest / 1e6)}ms`;
  let out = '';
  const h = Math.floor(rest / 3.6e12);
  rest -= h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  return `${sign}${out}${trim(rest / 1e9)}s`;
}

function trim(n: number): string {
  return n.toFixed(9).replace(/\.?0+$/, '');
}

/** Nanoseconds per unit, as time.ParseDuration's unitMap has them. */
const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const UNITS = Object.keys(UNIT_NS).join('|');
/** A sign, then `0` or components of a number (digits, a point, or both) and a unit. */
const DURATION = new RegExp(`^([-+]?)((?:(?:\\d+\\.?\\d*|\\.\\d+)(?:${UNITS}))+|0)$`);
/** One component: whole digits, fraction digits, unit (longest unit first: `ms` before `m`). */
const COMPONENT = new RegExp(`(\\d*)(?:\\.(\\d*))?(${UNITS})`, 'g');

/** 1<<63: the bound every step of time.ParseDuration checks against. */
const LIMIT = 1n << 63n;

/** leadingFraction: the digits after the point while they fit, and their scale; the rest are ignored. */
function leadingFraction(digits: string): { readonly f: bigint; readonly scale: number } {
  let f = 0n;
  let scale = 1;
  for (const c of digits) {
    if (f > (LIMIT - 1n) / 10n) break;
    const next = f * 10n + BigInt(c);
    if (next > LIMIT) break;
    f = next;
    scale *= 10;
  }
  return { f, scale };
}

/**
 * Go's time.ParseDuration, in ms: `300ms`, `1.5h`, `2h45m`, `-1m`. Returns undefined for anything else (Go
 * requires a unit except for `0`), and for a duration an int64 of nanoseconds cannot hold (`time: invalid duration`).
 * Nanoseconds are counted exactly, as Go counts them (a fraction through a float64, as Go does), so the limit is
 * 2562047h47m16.854775807s to the nanosecond and `1.1s` is 1100 ms, not 1100.0000000000002.
 */
export function parseGoDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m === null) return undefined;
  if (m[2] === '0') return 0;
  let total = 0n;
  for (const part of (m[2] as string).matchAll(COMPONENT)) {
    const unit = UNIT_NS[part[3] as string] as bigint;
    let v = BigInt(part[1] || '0');
    if (v > LIMIT / unit) return undefined;
    v *= unit;
    const { f, scale } = leadingFraction(part[2] ?? '');
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return undefined;
    }
    total += v;
    if (total > LIMIT) return undefined;
  }
  if (m[1] !== '-' && total > LIMIT - 1n) return undefined;
  const ms = Number(total) / 1e6;
  return m[1] === '-' ? -ms : ms;
}
