// Go's text/tabwriter with flags 0, as talosctl and the imager use it (`tabwriter.NewWriter(w, minwidth, 0,
// padding, ' ', 0)`): tab-terminated cells are aligned per column block, the last cell of a line never is, and
// cell widths count runes. Column blocks, empty cells and the final line follow Go's algorithm exactly.

export interface TabWriterOptions {
  /** Minimal cell width including padding. Default 0. */
  readonly minwidth?: number;
  /** Padding added to the widest cell of a column. Default 3, as talosctl uses. */
  readonly padding?: number;
  /** Default ' '. */
  readonly padchar?: string;
}

interface Cell {
  readonly text: string;
  readonly width: number;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats text the way writing it through a Go tabwriter and flushing would. */
export function tabwrite(text: string, options: TabWriterOptions = {}): string {
  const minwidth = options.minwidth ?? 0;
  const padding = options.padding ?? 3;
  const padchar = options.padchar ?? ' ';
  const lines: Cell[][] = text.split('\n').map((l) => l.split('\t').map((t) => ({ text: t, width: runeCount(t) })));
  // after the last newline only tab-terminated cells and a non-empty trailing cell exist (Flush terminates it)
  const last = lines[lines.length - 1] as Cell[];
  if (last[last.length - 1]?.text === '') last.pop();
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as Cell[];
      line.forEach((c, j) => {
        out.push(c.text);
        if (j < widths.length) out.push(padchar.repeat(Math.max(0, (widths[j] as number) - c.width)));
      });
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (start: number, end: number) => {
    let line0 = start;
    const column = widths.length;
    for (let current = line0; current < end; current++) {
      if (column >= (lines[current] as Cell[]).length - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = minwidth;
      for (; current < end; current++) {
        const line = lines[current] as Cell[];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column] as Cell).width + padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, end);
  };

  format(0, lines.length);
  return out.join('');
}
