// Who outputs what and who depends on what (cosi's dependency database): enforces output
// exclusivity, finds the controllers to wake for a changed resource, exports the graph.
import type { Input, Output } from './controller.js';
import { controllerErrors } from './controller-error.js';

export type DependencyEdgeType = 'OutputExclusive' | 'OutputShared' | 'InputStrong' | 'InputWeak' | 'InputDestroyReady';

export interface DependencyEdge {
  readonly controllerName: string;
  readonly resourceNamespace: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly edgeType: DependencyEdgeType;
}

const EDGE_ORDER: readonly DependencyEdgeType[] = [
  'OutputExclusive',
  'OutputShared',
  'InputStrong',
  'InputWeak',
  'InputDestroyReady',
];
const INPUT_EDGE = { strong: 'InputStrong', weak: 'InputWeak', destroyReady: 'InputDestroyReady' } as const;

const kindKey = (namespace: string, type: string): string => `${namespace}\u0000${type}`;
const sameKeys = (a: Input, b: Input): boolean => a.namespace === b.namespace && a.type === b.type && a.id === b.id;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class DependencyDatabase {
  readonly #exclusive = new Map<string, string>();
  readonly #shared = new Map<string, string[]>();
  readonly #inputs = new Map<string, Input[]>();

  /**
   * Adds a controller's outputs and inputs, all or nothing: on a conflict nothing is recorded.
   * Throws ControllerError with cosi's registration texts.
   */
  register(controller: string, outputs: readonly Output[], inputs: readonly Input[]): void {
    const exclusive = new Map(this.#exclusive);
    const shared = new Map(this.#shared);
    for (const output of outputs) addOutput(exclusive, shared, controller, output);
    const accepted = checkedInputs(controller, inputs, true);
    this.#exclusive.clear();
    for (const [k, v] of exclusive) this.#exclusive.set(k, v);
    this.#shared.clear();
    for (const [k, v] of shared) this.#shared.set(k, v);
    this.#inputs.set(controller, accepted);
  }

  /** Replaces a controller's inputs (cosi UpdateInputs); unchanged on error. */
  setInputs(controller: string, inputs: readonly Input[]): void {
    this.#inputs.set(controller, checkedInputs(controller, inputs, false));
  }

  inputsOf(controller: string): readonly Input[] {
    return this.#inputs.get(controller) ?? [];
  }

  /** Controllers with an input on (namespace, type) for any id, or for exactly this id, with that input. */
  dependents(namespace: string, type: string, id: string): { controller: string; input: Input }[] {
    const out: { controller: string; input: Input }[] = [];
    for (const [controller, inputs] of this.#inputs) {
      for (const input of inputs) {
        if (input.namespace === namespace && input.type === type && (input.id === undefined || input.id === id)) {
          out.push({ controller, input });
        }
      }
    }
    return out;
  }

  /** Every (namespace, type) some controller reads as an input. */
  watchedKinds(): { namespace: string; type: string }[] {
    const seen = new Map<string, { namespace: string; type: string }>();
    for (const inputs of this.#inputs.values()) {
      for (const i of inputs) seen.set(kindKey(i.namespace, i.type), { namespace: i.namespace, type: i.type });
    }
    return [...seen.values()];
  }

  /** The graph `talosctl inspect dependencies` renders; edges in cosi's order. */
  export(): DependencyEdge[] {
    const edges: DependencyEdge[] = [];
    const edge = (controllerName: string, edgeType: DependencyEdgeType, ns = '', type = '', id = ''): void => {
      edges.push({ controllerName, resourceNamespace: ns, resourceType: type, resourceId: id, edgeType });
    };
    for (const [type, controller] of this.#exclusive) edge(controller, 'OutputExclusive', '', type);
    for (const [type, controllers] of this.#shared) for (const c of controllers) edge(c, 'OutputShared', '', type);
    for (const [controller, inputs] of this.#inputs) {
      for (const i of inputs) edge(controller, INPUT_EDGE[i.kind], i.namespace, i.type, i.id ?? '');
    }
    const rank = (t: DependencyEdgeType): number => EDGE_ORDER.indexOf(t);
    return edges.sort((a, b) => {
      // outputs come first by edge type; input edges of all kinds interleave by controller and resource
      if (a.edgeType !== b.edgeType && (rank(a.edgeType) < 2 || rank(b.edgeType) < 2)) {
        return rank(a.edgeType) - rank(b.edgeType);
      }
      return (
        cmp(a.controllerName, b.controllerName) ||
        cmp(a.resourceNamespace, b.resourceNamespace) ||
        cmp(a.resourceType, b.resourceType) ||
        cmp(a.resourceId, b.resourceId) ||
        rank(a.edgeType) - rank(b.edgeType)
      );
    });
  }
}

function addOutput(
  exclusive: Map<string, string>,
  shared: Map<string, string[]>,
  controller: string,
  output: Output,
): void {
  const exclusiveOwner = exclusive.get(output.type);
  if (exclusiveOwner !== undefined) throw controllerErrors.exclusiveOutput(controller, output.type, exclusiveOwner);
  const sharing = shared.get(output.type) ?? [];
  if (output.kind === 'exclusive') {
    const [first] = sharing;
    if (first !== undefined) throw controllerErrors.sharedOutput(controller, output.type, first);
    exclusive.set(output.type, controller);
    return;
  }
  if (sharing.includes(controller)) throw controllerErrors.duplicateSharedOutput(controller, output.type);
  shared.set(output.type, [...sharing, controller].sort(cmp));
}

const KIND_RANK = { weak: 0, strong: 1, destroyReady: 2 } as const;

/** Inputs in cosi's order (namespace, type, id, kind); two with the same keys are refused. */
function checkedInputs(controller: string, inputs: readonly Input[], initial: boolean): Input[] {
  const sorted = [...inputs].sort(
    (a, b) =>
      cmp(a.namespace, b.namespace) ||
      cmp(a.type, b.type) ||
      cmp(a.id ?? '', b.id ?? '') ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind],
  );
  const accepted: Input[] = [];
  for (const input of sorted) {
    if (accepted.some((a) => sameKeys(a, input))) throw controllerErrors.duplicateInput(controller, input, initial);
    accepted.push({ ...input });
  }
  return accepted;
}
