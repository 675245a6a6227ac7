// The block-style emitter: lays out a node tree the way go-yaml's emitter does (indent unit 4, non-compact
// sequences, empty collections as `{}`/`[]`, `? key` for long or multi-line keys) and ends the document
// with exactly one line break. No document markers.
import { EmitterState } from './emitter-state.js';
import type { FlavourTraits } from './flavour.js';
import { finalScalarStyle, isSimpleKey } from './scalar-style.js';
import { writeDoubleQuoted, writeLiteral, writePlain, writeSingleQuoted } from './scalar-writers.js';
import type { MappingNode, RawNode, ScalarNode, SequenceNode, YamlNode } from './yaml-node.js';

export interface EmitOptions {
  readonly traits: FlavourTraits;
  /** Preferred line width; `Infinity` disables folding. */
  readonly width: number;
}

/** Where a node sits: what go-yaml's state stack has on top when the node starts. */
type Parent = 'document' | 'sequence' | 'mapping';

class BlockEmitter {
  private readonly e: EmitterState;
  private readonly traits: FlavourTraits;

  constructor(options: EmitOptions) {
    this.e = new EmitterState(options.width);
    this.traits = options.traits;
  }

  document(root: YamlNode): string {
    this.node(root, 'document');
    this.e.writeIndent();
    return this.e.text();
  }

  private node(node: YamlNode, parent: Parent): void {
    if (node.kind === 'scalar') this.scalar(node, parent, false);
    else if (node.kind === 'sequence') this.sequence(node, parent);
    else if (node.kind === 'raw') this.raw(node, parent);
    else this.mapping(node, parent);
  }

  private emptyFlow(open: string, close: string): void {
    this.e.writeIndicator(open, true, true, false);
    this.e.writeIndicator(close, false, false, false);
  }

  private sequence(node: SequenceNode, parent: Parent): void {
    if (node.items.length === 0) {
      this.emptyFlow('[', ']');
      return;
    }
    const saved = this.e.increaseIndent(false, parent === 'sequence');
    for (const item of node.items) {
      this.e.writeIndent();
      this.e.writeIndicator('-', true, false, true);
      this.node(item, 'sequence');
    }
    this.e.indent = saved;
  }

  private mapping(node: MappingNode, parent: Parent): void {
    if (node.entries.length === 0) {
      this.emptyFlow('{', '}');
      return;
    }
    const saved = this.e.increaseIndent(false, parent === 'sequence');
    for (const [key, value] of node.entries) {
      this.e.writeIndent();
      if (isSimpleKey(key.text)) {
        this.scalar(key, 'mapping', true);
        this.e.writeIndicator(':', false, false, false);
      } else {
        this.e.writeIndicator('?', true, false, true);
        this.scalar(key, 'mapping', false);
        this.e.writeIndent();
        this.e.writeIndicator(':', true, false, true);
      }
      this.node(value, 'mapping');
    }
    this.e.indent = saved;
  }

  /** The fork's RawYAML: from the next line on, every line of the text at the value's indentation. */
  private raw(node: RawNode, parent: Parent): void {
    const saved = this.e.increaseIndent(false, parent === 'sequence');
    const lines = node.text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const line of lines) {
      this.e.writeIndent();
      this.e.put(line);
      this.e.whitespace = false;
      this.e.indention = false;
    }
    this.e.indent = saved;
  }

  private scalar(node: ScalarNode, parent: Parent, simpleKey: boolean): void {
    const style = finalScalarStyle(node.text, node.style, simpleKey);
    const saved = this.e.increaseIndent(true, parent === 'sequence');
    const allowBreaks = !simpleKey;
    if (style === 'plain') writePlain(this.e, node.text, allowBreaks);
    else if (style === 'single') writeSingleQuoted(this.e, node.text, allowBreaks);
    else if (style === 'double') writeDoubleQuoted(this.e, node.text, allowBreaks);
    else writeLiteral(this.e, node.text, this.traits);
    this.e.indent = saved;
  }
}

/** One YAML document for the node tree. */
export function emitDocument(root: YamlNode, options: EmitOptions): string {
  return new BlockEmitter(options).document(root);
}
