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

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 3.6e6,
};

/** The longest time.Duration, 2562047h47m16.854775807s (int64 nanoseconds), in ms. */
const MAX_GO_DURATION_MS = 2 ** 63 / 1e6; // to double precision

/**
 * Go's time.ParseDuration, in ms: `300ms`, `1.5h`, `2h45m`, `-1m`. Returns undefined for anything else (Go
 * requires a unit except for `0`), and for a duration an int64 of nanoseconds cannot hold (`time: invalid duration`).
 */
export function parseGoDuration(text: string): number | undefined {
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(text);
  if (m === null) return undefined;
  if (m[2] === '0') return 0;
  let total = 0;
  for (const part of (m[2] as string).matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2] as string] as number);
  }
  if (!(total <= MAX_GO_DURATION_MS)) return undefined;
  return m[1] === '-' ? -total : total;
}
