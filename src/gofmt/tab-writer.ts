// Go's text/tabwriter with flags 0, as talosctl and the imager configure it (`NewWriter(w, minwidth, 0,
// padding, ' ', 0)`): tab-terminated cells, a column is as wide as its widest cell in a block of consecutive
// lines plus the padding (at least minwidth), the last cell of a line is never padded, widths count runes,
// and nothing is written before a flush (or a line without tabs, which lets the buffered lines go).

export interface TabWriterOptions {
  /** Minimal cell width including padding. Default 0. */
  readonly minwidth?: number;
  /** Padding added to the widest cell of a column. Default 3, as talosctl uses. */
  readonly padding?: number;
  /** Default ' '. */
  readonly padchar?: string;
}

interface Cell {
  /** length of the cell text in the buffer (UTF-16 units) */
  size: number;
  /** width in characters (Go counts runes) */
  width: number;
}

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export class TabWriter {
  private buf = '';
  /** Text appended since the cell's width was last counted (counting `buf` from an offset flattened all of it). */
  private pending = '';
  private cell: Cell = { size: 0, width: 0 };
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private output = '';

  private readonly minwidth: number;
  private readonly padding: number;
  private readonly padchar: string;

  /** @param sink receives the formatted text of each flush */
  constructor(
    private readonly sink: (text: string) => void,
    options: TabWriterOptions = {},
  ) {
    this.minwidth = options.minwidth ?? 0;
    this.padding = options.padding ?? 3;
    this.padchar = options.padchar ?? ' ';
  }

  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.append(text.slice(n, i));
      this.updateWidth();
      n = i + 1;
      const cells = this.terminateCell();
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || cells === 1) this.flushBuffered();
      }
    }
    this.append(text.slice(n));
  }

  flush(): void {
    this.flushBuffered();
  }

  private append(text: string): void {
    this.buf += text;
    this.pending += text;
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    this.cell.width += runeCount(this.pending);
    this.pending = '';
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1] as Cell[];
    line.push(this.cell);
    this.cell = { size: 0, width: 0 };
    return line.length;
  }

  private flushBuffered(): void {
    if (this.cell.size > 0) this.terminateCell();
    this.format(0, 0, this.lines.length);
    this.buf = '';
    this.pending = '';
    this.cell = { size: 0, width: 0 };
    this.lines = [[]];
    this.widths = [];
    if (this.output !== '') {
      const text = this.output;
      this.output = '';
      this.sink(text);
    }
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (this.lines[current] as Cell[]).length - 1) continue;
      // this line has a cell in this column: a column block starts here
      pos = this.writeLines(pos, line0, current);
      line0 = current;
      let width = this.minwidth;
      for (; current < line1; current++) {
        const line = this.lines[current] as Cell[];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column] as Cell).width + this.padding);
      }
      this.widths.push(width);
      pos = this.format(pos, line0, current);
      this.widths.pop();
      line0 = current;
    }
    return this.writeLines(pos, line0, line1);
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as Cell[];
      for (let j = 0; j < line.length; j++) {
        const c = line[j] as Cell;
        if (c.size > 0) {
          this.output += this.buf.slice(pos, pos + c.size);
          pos += c.size;
        }
        const cellWidth = this.widths[j];
        if (cellWidth !== undefined) this.output += this.padchar.repeat(Math.max(cellWidth - c.width, 0));
      }
      if (i + 1 === this.lines.length) {
        // the last buffered line has no newline yet: write its unterminated text as is
        this.output += this.buf.slice(pos, pos + this.cell.size);
        pos += this.cell.size;
      } else {
        this.output += '\n';
      }
    }
    return pos;
  }
}

/** Formats text the way writing it through a Go tabwriter and flushing would. */
export function tabwrite(text: string, options: TabWriterOptions = {}): string {
  let out = '';
  const writer = new TabWriter((chunk) => {
    out += chunk;
  }, options);
  writer.write(text);
  writer.flush();
  return out;
}
