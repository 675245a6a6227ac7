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
