// go-yaml's key order for Go maps (sorter.go keyList.Less on string keys): letters by code point, runs of
// digits by numeric value, so `a2 < a10`, `A < a`, `x1 < xa`. The same in every go-yaml version.

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isLetter(ch: string): boolean {
  return LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  return DIGIT.test(ch);
}

function cp(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}

/** Go's int64 accumulation of a digit run (it wraps on overflow, and non-ASCII digits count as rune − '0'). */
function digitRun(runes: readonly string[], start: number, seed: bigint): { value: bigint; end: number } {
  let value = seed;
  let end = start;
  for (; end < runes.length && isDigit(runes[end] as string); end++) {
    value = BigInt.asIntN(64, value * 10n + BigInt(cp(runes[end] as string) - 48));
  }
  return { value, end };
}

export function naturalLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) {
      digits = isDigit(ac);
      continue;
    }
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return cp(ac) < cp(bc);
    if (al || bl) return digits ? al : bl;
    let seed = 0n;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          seed = 1n;
          break;
        }
      }
    }
    const an = digitRun(ar, i, seed);
    const bn = digitRun(br, i, seed);
    if (an.value !== bn.value) return an.value < bn.value;
    if (an.end !== bn.end) return an.end < bn.end;
    return cp(ac) < cp(bc);
  }
  return ar.length < br.length;
}

/** Comparator for Array.prototype.sort. */
export function compareNatural(a: string, b: string): number {
  if (naturalLess(a, b)) return -1;
  if (naturalLess(b, a)) return 1;
  return 0;
}
