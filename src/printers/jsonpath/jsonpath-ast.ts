// The parse tree of a k8s JSONPath template (client-go util/jsonpath/node.go).

/** One bound of `[start:end:step]`; `derived` marks the end of `[i]`, which means `i + 1`. */
export interface ArrayParam {
  readonly value: bigint;
  readonly known: boolean;
  readonly derived: boolean;
}

export interface ListNode {
  readonly kind: 'list';
  readonly nodes: JsonPathNode[];
}

export type JsonPathNode =
  | ListNode
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'array'; readonly params: readonly [ArrayParam, ArrayParam, ArrayParam] }
  | { readonly kind: 'filter'; readonly left: ListNode; readonly right: ListNode; readonly operator: string }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'recursive' }
  | { readonly kind: 'union'; readonly nodes: readonly ListNode[] };

export function listNode(): ListNode {
  return { kind: 'list', nodes: [] };
}
