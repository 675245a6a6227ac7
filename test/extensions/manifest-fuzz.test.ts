// The manifest fuzzer: every input — YAML built from the manifest's own vocabulary (anchors, aliases, merge keys,
// tags, block scalars, flow collections, several documents), byte mutations of a real manifest, and shapes known to
// hurt parsers — ends in an extension or a typed error, within a time and memory bound. Runs: FC_NUM_RUNS.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkConstraint,
  FsTree,
  fileNode,
  INPUT_LIMITS,
  isExtensionLoadError,
  isExtensionValidationError,
  loadExtension,
  validateExtension,
} from '../../src/extensions/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 200);
/** A hang, not a slow case: generous so a loaded machine never trips it (FUZZ_CASE_MS overrides). */
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 2500);
/** Heap growth allowed for one case; anything near it means memory grows with something other than the input. */
const CASE_HEAP_BYTES = 256 * 2 ** 20;

type Outcome = 'extension' | 'load-error' | 'validation-error';

/** Loads `manifest.yaml` with that content and checks its constraint; fails the property on anything untyped. */
function outcome(manifest: string | Uint8Array, boundMs = CASE_MS): Outcome {
  const size = typeof manifest === 'string' ? Buffer.byteLength(manifest) : manifest.length;
  const image = new FsTree();
  image.put('manifest.yaml', fileNode(manifest));
  image.put('rootfs/usr/local/x', fileNode('x'));
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  let result: Outcome;
  try {
    const ext = loadExtension(image, { path: 'fuzz' });
    // what a manifest decodes to is bounded by its size: six string fields, each at most the whole input
    const md = ext.manifest.metadata;
    const fields = [ext.manifest.version, md.name, md.version, md.author, md.description, md.extraInfo];
    for (const f of [...fields, md.compatibility.talos.version]) expect(f.length).toBeLessThanOrEqual(size);
    expect(ext.warnings.length).toBeLessThanOrEqual(size + 1);
    checkConstraint(md.compatibility.talos.version, 'v1.13.9');
    validateExtension(ext, { constraints: true, contents: true, talosVersion: 'v1.13.9' });
    result = 'extension';
  } catch (err) {
    if (isExtensionLoadError(err)) result = 'load-error';
    else if (isExtensionValidationError(err)) result = 'validation-error';
    else throw err;
  }
  expect(performance.now() - start).toBeLessThan(boundMs);
  expect(process.memoryUsage().heapUsed - heap).toBeLessThan(CASE_HEAP_BYTES);
  return result;
}

const KEYS = ['version', 'metadata', 'name', 'author', 'description', 'compatibility', 'talos', 'extraInfo'];
const word = fc.constantFrom(...KEYS, 'verison', 'tier', '<<', 'x', '"quoted key"', '? complex', '1.0', '');
const scalar = fc.oneof(
  fc.constantFrom(
    'v1alpha1',
    '">= v1.0.0"',
    "'>= v1.10.0 || < 1.5.x'",
    '~',
    'null',
    '1.10',
    '0x1F',
    'true',
    '2001-12-14',
    '!!binary aGVsbG8=',
    '!!str 1',
    '!!int x',
    '!!map {}',
    '|\n  block\n  text\n',
    '>-\n  folded\n',
    '"\\u00e9\\t\\x00"',
    '* ',
    '"\\uD800"',
  ),
  fc.string({ maxLength: 12 }),
);
const anchor = fc.option(fc.constantFrom('&a ', '&b ', '&a1 '), { nil: '' });
const alias = fc.constantFrom('*a', '*b', '*a1', '*missing');

const value: fc.Memo<string> = fc.memo((n) =>
  n <= 1
    ? fc.oneof(scalar, alias)
    : fc.oneof(
        { weight: 3, arbitrary: fc.tuple(anchor, scalar).map(([a, s]) => a + s) },
        { weight: 1, arbitrary: alias },
        {
          weight: 2,
          arbitrary: fc
            .tuple(anchor, fc.array(fc.tuple(word, value(n - 1)), { maxLength: 4 }))
            .map(([a, pairs]) => `${a}{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(anchor, fc.array(value(n - 1), { maxLength: 4 }))
            .map(([a, items]) => `${a}[${items.join(', ')}]`),
        },
      ),
);

/** A block mapping at some indentation, one key per line, values inline or nested blocks. */
const block: fc.Memo<string> = fc.memo((n) =>
  fc
    .array(fc.tuple(word, fc.oneof(value(3), n > 1 ? block(n - 1).map((b) => `\n${b}`) : value(1))), {
      minLength: 1,
      maxLength: 5,
    })
    .map((pairs) =>
      pairs
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')
        .split('\n')
        .map((line) => (n > 1 ? line : `  ${line}`))
        .join('\n'),
    ),
);

const document = fc
  .tuple(
    fc.option(fc.constantFrom('%YAML 1.2\n---\n', '---\n', '--- !!map\n', '# comment\n'), { nil: '' }),
    block(3),
    fc.option(fc.constantFrom('\n...\n', '\n---\nversion: v2\n', '\n--- [\n', '\n'), { nil: '' }),
  )
  .map(([head, body, tail]) => head + body + tail);

const REAL = `version: v1alpha1
metadata:
  name: gvisor
  version: 20260427.0
  author: Sidero Labs
  description: |
    This system extension provides gVisor using containerd's runtime handler.
  compatibility:
    talos:
      version: ">= v1.0.0"
`;

describe('manifest fuzzer', () => {
  it('ends every generated manifest in an extension or a typed error, in bounded time and memory', () => {
    fc.assert(
      fc.property(document, (text) => {
        outcome(text);
      }),
      { numRuns: runs },
    );
  });

  it('ends every byte mutation of a real manifest the same way', () => {
    const bytes = new TextEncoder().encode(REAL);
    fc.assert(
      fc.property(
        fc.nat({ max: bytes.length }),
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.uint8Array({ maxLength: 16 }),
        (cut, flips, inserted) => {
          const mutated = new Uint8Array([...bytes.subarray(0, cut), ...inserted, ...bytes.subarray(cut)]);
          for (const [at, b] of flips) mutated[at] = b;
          outcome(mutated);
        },
      ),
      { numRuns: runs },
    );
  });

  it('ends arbitrary bytes and strings the same way', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 200 })), (input) => {
        outcome(input);
      }),
      { numRuns: runs },
    );
  });
});

describe('manifest shapes that hurt parsers', () => {
  const oneMiB = INPUT_LIMITS.manifestBytes;
  const wideMerge =
    'x0: &x0 {name: a}\n' +
    Array.from({ length: 20 }, (_, i) => `x${i + 1}: &x${i + 1} {<<: [${Array(10).fill(`*x${i}`).join(', ')}]}\n`).join(
      '',
    ) +
    'metadata:\n  <<: *x20\n';
  it.each([
    { name: '100,000 equal keys', text: `metadata:\n${'  name: a\n'.repeat(100_000)}`, expected: 'load-error' },
    { name: 'an exponential merge through nested anchors', text: wideMerge, expected: 'load-error' },
    {
      name: 'deep flow nesting',
      text: `metadata: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
      expected: 'load-error',
    },
    {
      name: 'a description of almost 1 MiB',
      text: `version: v1alpha1\nmetadata:\n  name: x\n  description: "${'x'.repeat(oneMiB - 60)}"\n`,
      expected: 'extension',
    },
    { name: 'one byte over the limit', text: 'x'.repeat(oneMiB + 1), expected: 'load-error' },
    {
      name: '100,000 aliases under an unknown key',
      text: `version: v1alpha1\nmetadata:\n  name: &a x\nk: [${Array(100_000).fill('*a').join(', ')}]\n`,
      expected: 'extension',
    },
  ])('$name ends in $expected', ({ text, expected }) => {
    // 1 MiB inputs: npm yaml alone parses 100,000 pairs in one to two seconds
    expect(outcome(text, 4 * CASE_MS)).toBe(expected);
  });
});
