// Property tests of the Go encoding/json reader behind the SBOM controller, with JSON.parse as the oracle for what
// is valid JSON and what it means (Go and ECMAScript implement the same RFC 8259 grammar), and arbitrary bytes for
// robustness: only the two documented error classes ever come out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGoJson, GoJsonSyntaxError, type GoJsonValue } from '../../controllers/go-json-value.js';
import { decodeSpdxDocument, GoJsonTypeError } from '../../controllers/spdx-document.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '300');

/** The value JSON.parse would give (duplicate keys: the last one). */
function plain(v: GoJsonValue): unknown {
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return v.value;
    case 'number':
      return Number(v.text);
    case 'array':
      return v.items.map(plain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.entries)
        Object.defineProperty(out, k, { value: plain(x), enumerable: true, configurable: true, writable: true });
      return out;
    }
  }
}

describe('Go JSON reader', () => {
  it('reads every valid JSON text as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expect(plain(decodeGoJson(Buffer.from(text, 'utf8')))).toEqual(JSON.parse(text));
      }),
      { numRuns: runs },
    );
  });

  it('rejects what JSON.parse rejects within the first value, with a Go error', () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9a-z.eE+\\-]{0,40}$/);
    fc.assert(
      fc.property(jsonish, (text) => {
        let ours: GoJsonValue | GoJsonSyntaxError;
        try {
          ours = decodeGoJson(Buffer.from(text, 'utf8'));
        } catch (err) {
          expect(err).toBeInstanceOf(GoJsonSyntaxError);
          ours = err as GoJsonSyntaxError;
        }
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        // a text JSON.parse accepts is one value: the reader must accept it too
        if (valid) expect(ours).not.toBeInstanceOf(GoJsonSyntaxError);
      }),
      { numRuns: runs },
    );
  });

  it('never fails on arbitrary bytes with anything but a syntax or type error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeSpdxDocument(bytes);
        } catch (err) {
          expect(err instanceof GoJsonSyntaxError || err instanceof GoJsonTypeError).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('stops at a hostile nesting depth with a syntax error instead of exhausting the stack', () => {
    expect(() => decodeGoJson(Buffer.from('['.repeat(100_000)))).toThrow("invalid character '[' exceeded max depth");
  });
});
