// A unified diff of two texts by lines (as `diff -u` prints it, with three lines of context), for scenario
// expectations that fail: the shortest edit script by Myers' algorithm, grouped into hunks.

type Edit = { readonly kind: ' ' | '-' | '+'; readonly line: string };

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

/** The shortest edit script from a to b (Myers, O((N+M)·D)). */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Map<number, number>;
    const k = x - y;
    const down = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ kind: ' ', line: a[x] as string });
    }
    if (d > 0) {
      if (down) edits.push({ kind: '+', line: b[--y] as string });
      else edits.push({ kind: '-', line: a[--x] as string });
    }
  }
  return edits.reverse();
}

/** A hunk range as diff prints it: `start,count`, `start` alone for one line, `start-1,0` for none. */
function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** `--- a` / `+++ b` and the hunks; empty when the texts are equal. */
export function unifiedDiff(expected: string, actual: string, labels = { from: 'expected', to: 'actual' }): string {
  if (expected === actual) return '';
  const a = lines(expected);
  const b = lines(actual);
  const edits = editScript(a, b);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  const CONTEXT = 3;
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  while (i < edits.length) {
    if ((edits[i] as Edit).kind === ' ') {
      oldLine++;
      newLine++;
      i++;
      continue;
    }
    // a hunk: back up to CONTEXT lines before, run until CONTEXT×2 unchanged lines follow
    const start = Math.max(0, i - CONTEXT);
    const back = i - start;
    let end = i;
    let quiet = 0;
    while (end < edits.length && quiet <= CONTEXT * 2) {
      quiet = (edits[end] as Edit).kind === ' ' ? quiet + 1 : 0;
      end++;
    }
    end -= Math.max(0, quiet - CONTEXT);
    const hunk = edits.slice(start, end);
    const oldCount = hunk.filter((e) => e.kind !== '+').length;
    const newCount = hunk.filter((e) => e.kind !== '-').length;
    const oldStart = oldLine - back;
    const newStart = newLine - back;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const e of hunk) out.push(`${e.kind}${e.line}`);
    for (const e of edits.slice(i, end)) {
      if (e.kind !== '+') oldLine++;
      if (e.kind !== '-') newLine++;
    }
    i = end;
  }
  if (out.length === 2) out.push('(the texts differ only in their final newline)');
  return `${out.join('\n')}\n`;
}
