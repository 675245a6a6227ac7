// Label and ID queries (cosi resource.LabelQuery / IDQuery). Terms of one query are ANDed,
// several queries are ORed, an empty list matches everything.

export type LabelOp = 'exists' | 'equal' | 'in' | 'lt' | 'lte' | 'ltNumeric' | 'lteNumeric';

export interface LabelTerm {
  readonly key: string;
  readonly op: LabelOp;
  /** One value for equal/comparisons, several for `in`, none for `exists`. */
  readonly values?: readonly string[];
  /** Inverts the term (cosi NotMatches); an undecided comparison still does not match. */
  readonly invert?: boolean;
}

export interface LabelQuery {
  readonly terms: readonly LabelTerm[];
}

export interface IdQuery {
  /** Unanchored match, as Go's regexp.MatchString. */
  readonly regexp?: RegExp;
}

const COMPARISONS: ReadonlySet<LabelOp> = new Set(['lt', 'lte', 'ltNumeric', 'lteNumeric']);

/** true / false, or undefined when the term cannot be decided (comparison on a missing or non-numeric value). */
function evaluateTerm(labels: ReadonlyMap<string, string>, term: LabelTerm): boolean | undefined {
  const value = labels.get(term.key);
  const want = term.values ?? [];
  if (value === undefined) return COMPARISONS.has(term.op) ? undefined : false;
  switch (term.op) {
    case 'exists':
      return true;
    case 'equal':
      return value === want[0];
    case 'in':
      return want.includes(value);
    case 'lt':
      return value < (want[0] ?? '');
    case 'lte':
      return value <= (want[0] ?? '');
    case 'ltNumeric':
    case 'lteNumeric': {
      const a = Number(value);
      const b = Number(want[0]);
      if (value.trim() === '' || Number.isNaN(a) || Number.isNaN(b)) return undefined;
      return term.op === 'ltNumeric' ? a < b : a <= b;
    }
  }
}

export function labelQueryMatches(query: LabelQuery, labels: ReadonlyMap<string, string>): boolean {
  return query.terms.every((term) => {
    const result = evaluateTerm(labels, term);
    if (result === undefined) return false;
    return term.invert ? !result : result;
  });
}

/** ORs several queries; no query matches everything. */
export function labelQueriesMatch(
  queries: readonly LabelQuery[] | undefined,
  labels: ReadonlyMap<string, string>,
): boolean {
  if (queries === undefined || queries.length === 0) return true;
  return queries.some((q) => labelQueryMatches(q, labels));
}

export function idQueryMatches(query: IdQuery | undefined, id: string): boolean {
  if (query?.regexp === undefined) return true;
  query.regexp.lastIndex = 0;
  return query.regexp.test(id);
}
