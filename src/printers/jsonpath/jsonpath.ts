// A parsed k8s JSONPath template and its evaluation (client-go JSONPath.FindResults), including the range
// machinery. By default it keeps client-go's quirk that evaluating `{range}` replaces the parsed template
// by its tail, so a template reused for a second resource starts inside the range body (talosctl's bug,
// spec §8.3); `strictRange` evaluates every call from the whole template.
import type { GoValue } from '../../goyaml/index.js';
import { EvalFailure } from './eval-failure.js';
import type { JsonPathNode } from './jsonpath-ast.js';
import { JsonPathError } from './jsonpath-error.js';
import { type RangeCounters, StepEvaluator } from './jsonpath-evaluator.js';
import { parseJsonPathTemplate } from './jsonpath-parser.js';
import { type JsonPathValue, NO_VALUE } from './jsonpath-value.js';

export interface JsonPathOptions {
  /** A field step that finds nothing yields nothing instead of `<name> is not found`. Default false. */
  readonly allowMissingKeys?: boolean;
  /** Evaluate ranges without client-go's template-rewriting quirk. Default false (quirk reproduced). */
  readonly strictRange?: boolean;
}

const DEFAULTS: Required<JsonPathOptions> = { allowMissingKeys: false, strictRange: false };

/** One list of results per top-level template element (text piece or `{…}` action). */
export type JsonPathResults = JsonPathValue[][];

export class JsonPath {
  readonly template: string;
  private readonly options: Required<JsonPathOptions>;
  private readonly nodes: readonly JsonPathNode[];
  /** Offset of the template's current first node (client-go's `parser.Root.Nodes`, which ranges rewrite). */
  private rootOffset = 0;
  private readonly counters: RangeCounters = { beginRange: 0, inRange: 0, endRange: 0 };
  private lastEnd = -1;

  /** Parses the template; throws JsonPathError (kind 'parse') with the Go parser's message. */
  constructor(template: string, options: JsonPathOptions = {}) {
    this.template = template;
    this.options = { ...DEFAULTS, ...options };
    this.nodes = parseJsonPathTemplate(template).nodes;
  }

  /**
   * Evaluates the template against a decoded document (`null` = Go's nil data); throws JsonPathError
   * (kind 'eval') with the Go evaluator's message.
   */
  findResults(data: GoValue): JsonPathResults {
    if (this.options.strictRange) {
      this.counters.beginRange = 0;
      this.counters.inRange = 0;
      this.counters.endRange = 0;
      this.rootOffset = 0;
      this.lastEnd = -1;
    }
    const evaluator = new StepEvaluator(this.options.allowMissingKeys, this.counters);
    try {
      return this.find(evaluator, data === null ? NO_VALUE : data, this.rootOffset);
    } catch (err) {
      if (err instanceof EvalFailure) throw JsonPathError.eval(err.message);
      throw err;
    }
  }

  private find(evaluator: StepEvaluator, data: JsonPathValue, offset: number): JsonPathResults {
    const cur: JsonPathValue[] = [data];
    const full: JsonPathResults = [];
    const count = this.nodes.length - offset;
    for (let i = 0; i < count; i++) {
      const node = this.nodes[offset + i] as JsonPathNode;
      const results = evaluator.walk(cur, node);
      if (this.counters.endRange > 0 && this.counters.endRange <= this.counters.inRange) {
        this.counters.endRange--;
        this.lastEnd = offset + i;
        break;
      }
      if (this.counters.beginRange > 0) {
        this.counters.beginRange--;
        this.counters.inRange++;
        const body = offset + i + 1;
        if (!this.options.strictRange) this.rootOffset = body;
        if (results.length > 0) {
          for (const value of results) full.push(...this.find(evaluator, value === null ? NO_VALUE : value, body));
        } else {
          // the body is still walked once, against no value, so that the matching end is found
          this.find(evaluator, NO_VALUE, body);
        }
        this.counters.inRange--;
        for (let k = i + 1; k < count; k++) {
          if (offset + k === this.lastEnd) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }
}
