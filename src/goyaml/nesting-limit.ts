// Documents nested deeper than talos-sim can decode: the yaml package parses (and builds values) recursively, and a
// document some thousand levels deep exhausts the JavaScript stack where go-yaml decodes up to 10000 levels. Every
// decoder of Talos YAML (machine config, extension manifests, extension service definitions) says so in one text.

/** The reason such a document gives, after the decoder's own frame (`yaml: line N: …`). */
export const TOO_DEEP = 'nested too deeply for talos-sim to decode (Talos decodes up to 10000 levels)';

/**
 * Whether an error thrown while decoding is the JavaScript stack running out (the yaml package and the decoders
 * walking its nodes recurse once per level). V8 throws a RangeError saying so; other RangeErrors (an invalid date,
 * a string too long) are what they are.
 */
export function isStackExhausted(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

/**
 * A parser error's reason, as shown: TOO_DEEP when the parser's own stack ran out (the yaml package reports that as
 * a syntax error carrying the engine's text, the only way to tell), else the reason itself.
 */
export function nestingReason(reason: string): string {
  return /call stack/i.test(reason) ? TOO_DEEP : reason;
}
