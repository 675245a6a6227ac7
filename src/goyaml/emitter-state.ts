// The emitter's cursor: output so far, the column (in characters) and the two flags go-yaml's layout
// decisions hang on (`whitespace`: the last thing written was whitespace; `indention`: only indentation
// so far on this line). The primitives mirror go-yaml's put/write/write_indent/write_indicator.

export class EmitterState {
  private out = '';
  column = 0;
  whitespace = true;
  indention = true;
  /** Current indentation; −1 before the root node. */
  indent = -1;
  readonly bestIndent = 4;
  readonly bestWidth: number;

  constructor(bestWidth: number) {
    this.bestWidth = bestWidth;
  }

  /** Appends ASCII text that counts one column per character. */
  put(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  /** Appends one character of scalar content. */
  write(ch: string): void {
    this.out += ch;
    this.column += 1;
  }

  /** Appends a line-break character of scalar content (`\n` as the configured break, others raw). */
  writeBreak(ch: string): void {
    if (ch === '\n') {
      this.putBreak();
      return;
    }
    this.out += ch;
    this.column = 0;
    this.indention = true;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /**
   * Enters a nested node and returns the indentation to restore afterwards: the root starts at 0 (a root
   * scalar at 4), an item of a sequence at dash + 2, everything else at the next multiple of 4.
   */
  increaseIndent(flow: boolean, inSequenceItem: boolean): number {
    const saved = this.indent;
    if (this.indent < 0) this.indent = flow ? this.bestIndent : 0;
    else if (inSequenceItem) this.indent += 2;
    else this.indent = this.bestIndent * Math.floor((this.indent + this.bestIndent) / this.bestIndent);
    return saved;
  }

  text(): string {
    return this.out;
  }
}
