// Plain data (what resource specs hold: objects, arrays, strings, numbers, booleans, null, undefined, Dates, Maps,
// byte arrays) as JSON text and back, exactly: key order, undefined properties, -0, NaN and the infinities survive.
// JSON.parse is what a `sim get` from a snapshot can afford: node:v8's serializer costs 3-10 ms to load.
//
// A value JSON cannot hold is a one-key object `{"~": [tag, …]}`; an object that has a key `~` of its own is kept
// as one too, so no object of the data is ever taken for a tag. Anything else (a class instance, a function, a
// symbol, a cycle, more than MAX_VALUES values) is refused with a PlainDataError. What JSON itself cannot tell is
// not kept: a hole in an array comes back undefined, an object reached twice comes back as two equal copies, and a
// subclass of Array, Date or Map (which specs never hold) comes back as the class itself.

export class PlainDataError extends Error {
  constructor(what: string) {
    super(`not plain data: ${what}`);
    this.name = 'PlainDataError';
  }
}

const TAG = '~';
/** Deeper nesting than any spec has; a cycle ends here instead of overflowing the stack. */
const MAX_DEPTH = 256;
/** Far more values than a cluster snapshot holds; an object graph that shares much (a DAG) ends here, not in hours. */
const MAX_VALUES = 4_000_000;

export function plainDataToJson(value: unknown): string {
  const budget = { left: MAX_VALUES };
  return JSON.stringify(encode(value, 0, budget));
}

export function plainDataFromJson(text: string): unknown {
  return decode(JSON.parse(text), 0);
}

const tagged = (...parts: unknown[]): Record<string, unknown> => ({ [TAG]: parts });

function encode(v: unknown, depth: number, budget: { left: number }): unknown {
  if (depth > MAX_DEPTH) throw new PlainDataError(`nested deeper than ${MAX_DEPTH}`);
  if (--budget.left < 0) throw new PlainDataError(`more than ${MAX_VALUES} values`);
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0) ? v : tagged('n', Object.is(v, -0) ? '-0' : String(v));
    case 'undefined':
      return tagged('u');
    case 'bigint':
      return tagged('i', v.toString());
    case 'object':
      break;
    default:
      throw new PlainDataError(typeof v);
  }
  if (v === null) return null;
  if (Array.isArray(v)) return Array.from(v, (x) => encode(x, depth + 1, budget));
  if (v instanceof Date) return tagged('d', encode(v.getTime(), depth + 1, budget));
  if (v instanceof Map)
    return tagged(
      'm',
      Array.from(v, ([k, x]) => [encode(k, depth + 1, budget), encode(x, depth + 1, budget)]),
    );
  if (v instanceof Uint8Array && v.constructor === Uint8Array) return tagged('b', Buffer.from(v).toString('base64'));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null)
    throw new PlainDataError(`an instance of ${proto?.constructor?.name}`);
  const entries = Object.keys(v).map((k) => [k, encode((v as Record<string, unknown>)[k], depth + 1, budget)] as const);
  if (proto === null || Object.hasOwn(v, TAG)) return tagged(proto === null ? 'O' : 'o', entries);
  return Object.fromEntries(entries);
}

function decode(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new PlainDataError(`nested deeper than ${MAX_DEPTH}`);
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => decode(x, depth + 1));
  const o = v as Record<string, unknown>;
  // fromEntries defines properties: a key `__proto__` stays a key, as JSON.parse made it
  if (!Object.hasOwn(o, TAG)) return Object.fromEntries(Object.keys(o).map((k) => [k, decode(o[k], depth + 1)]));
  const [tag, a] = o[TAG] as [string, unknown];
  switch (tag) {
    case 'n':
      return a === '-0' ? -0 : Number(a);
    case 'u':
      return undefined;
    case 'i':
      return BigInt(a as string);
    case 'd':
      return new Date(decode(a, depth + 1) as number);
    case 'm':
      return new Map((a as [unknown, unknown][]).map(([k, x]) => [decode(k, depth + 1), decode(x, depth + 1)]));
    case 'b':
      return new Uint8Array(Buffer.from(a as string, 'base64'));
    case 'o':
      return Object.fromEntries((a as [string, unknown][]).map(([k, x]) => [k, decode(x, depth + 1)]));
    case 'O':
      return Object.assign(
        Object.create(null),
        Object.fromEntries((a as [string, unknown][]).map(([k, x]) => [k, decode(x, depth + 1)])),
      );
    default:
      throw new PlainDataError(`unknown tag ${JSON.stringify(tag)}`);
  }
}
