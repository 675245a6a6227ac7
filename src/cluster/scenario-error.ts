// What is wrong with a scenario, where: the file, the line and the key (`scenario.yaml:12: nodes[1].talos: unknown
// Talos version "v9.9.9"`). Scenarios given as objects have no file or line; the key still says where.
import { DetailedError } from '../extensions/detailed-error.js';

export interface ScenarioErrorDetail {
  readonly kind: 'scenario';
  /** The scenario file as given (or `<scenario>` for YAML text without a name); undefined for objects. */
  readonly file: string | undefined;
  /** 1-based line of the key in the file; undefined when unknown. */
  readonly line: number | undefined;
  /** Where in the scenario: `nodes[1].talos`; empty for the document as a whole. */
  readonly key: string;
  readonly reason: string;
  readonly cause?: Error;
}

function message(d: ScenarioErrorDetail): string {
  const where = d.file === undefined ? '' : d.line === undefined ? `${d.file}: ` : `${d.file}:${d.line}: `;
  return `${where}${d.key === '' ? '' : `${d.key}: `}${d.reason}`;
}

export class ScenarioError extends DetailedError<ScenarioErrorDetail> {
  constructor(detail: Omit<ScenarioErrorDetail, 'kind'>) {
    super('ScenarioError', { kind: 'scenario', ...detail }, message({ kind: 'scenario', ...detail }));
  }
}

export function isScenarioError(err: unknown): err is ScenarioError {
  return err instanceof ScenarioError;
}
