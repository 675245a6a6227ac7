// Decodes `manifest.yaml` the way Talos does (`yaml.NewDecoder(f).Decode(&manifest)` with go-yaml v4): only the
// first document counts, an empty stream is `EOF`, `---` alone is the empty manifest, unknown keys are ignored,
// any scalar's text goes into a string field (`version: 1.10` is "1.10"), null leaves a field empty, duplicate
// keys and values of the wrong shape are collected as construct errors. npm `yaml` does the parsing; the typing
// rules are go-yaml's. Syntax error texts keep go-yaml's frame but npm `yaml`'s wording. Input larger than
// INPUT_LIMITS.manifestBytes is refused before parsing; unknown keys and a missing constraint come back as warnings.
import { LineCounter, type Node, parseAllDocuments } from 'yaml';
import { isStackExhausted, nestingReason, TOO_DEEP } from '../goyaml/index.js';
import { INPUT_LIMITS } from './input-limits.js';
import { type ExtensionManifest, emptyManifest } from './manifest.js';
import { loadError, ManifestConstructor, type Obj, type StructSpec } from './manifest-constructor.js';
import { ManifestDecodeError } from './manifest-decode-error.js';
import type { ManifestWarning } from './manifest-warning.js';

const CONSTRAINT: StructSpec = {
  goType: 'extensions.Constraint',
  path: 'metadata.compatibility.talos',
  fields: { version: 'string' },
};
const COMPATIBILITY: StructSpec = {
  goType: 'extensions.Compatibility',
  path: 'metadata.compatibility',
  fields: { talos: CONSTRAINT },
};
const METADATA: StructSpec = {
  goType: 'extensions.Metadata',
  path: 'metadata',
  fields: {
    name: 'string',
    version: 'string',
    author: 'string',
    description: 'string',
    compatibility: COMPATIBILITY,
    extraInfo: 'string',
  },
};
const MANIFEST: StructSpec = {
  goType: 'extensions.Manifest',
  path: '',
  fields: { version: 'string', metadata: METADATA },
};

function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
}

function decodeText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    const bad = input.find((b) => b >= 0x80) ?? 0;
    throw loadError('reader', { line: 0, column: 0 }, `invalid leading UTF-8 octet (value: ${bad})`);
  }
}

/** A decoded manifest and what Talos would have accepted silently. */
export interface InspectedManifest {
  readonly manifest: ExtensionManifest;
  /** Unknown keys in document order, then a missing compatibility constraint. */
  readonly warnings: readonly ManifestWarning[];
}

/** Decodes manifest.yaml text or bytes; throws ManifestDecodeError with go-yaml's texts. */
export function decodeManifest(input: string | Uint8Array): ExtensionManifest {
  return inspectManifest(input).manifest;
}

/** Decodes manifest.yaml as decodeManifest does, and reports its warnings. Throws ManifestDecodeError. */
export function inspectManifest(input: string | Uint8Array): InspectedManifest {
  const limit = INPUT_LIMITS.manifestBytes;
  if (byteLength(input) > limit) throw new ManifestDecodeError({ kind: 'too-large', limit });
  const text = decodeText(input);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    lineCounter: lines,
    prettyErrors: false,
  });
  const doc = docs[0];
  if (doc === undefined) throw new ManifestDecodeError({ kind: 'eof' });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lines.linePos(first.pos[0]);
    const message = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    // the parser's own stack ran out (a manifest nested some thousand levels deep): the config loader's text
    throw loadError('parser', { line: pos.line, column: pos.col }, nestingReason(message));
  }
  // the decoder fills a fresh zero-valued manifest in place
  const out = emptyManifest() as unknown as Obj;
  const c = new ManifestConstructor(doc, lines);
  try {
    c.struct(doc.contents as Node | null, MANIFEST, out, 0);
  } catch (err) {
    // the constructor's stack ran out somewhere below: the document is where it can point
    if (!isStackExhausted(err)) throw err;
    const pos = lines.linePos(doc.contents?.range?.[0] ?? 0);
    throw loadError('parser', { line: pos.line, column: pos.col }, TOO_DEEP);
  }
  if (c.errors.length > 0) throw new ManifestDecodeError({ kind: 'construct', errors: c.errors });
  const md = out.metadata as Obj;
  const compat = md.compatibility as Obj;
  const manifest: ExtensionManifest = {
    version: out.version as string,
    metadata: {
      name: md.name as string,
      version: md.version as string,
      author: md.author as string,
      description: md.description as string,
      compatibility: { talos: { version: (compat.talos as Obj).version as string } },
      extraInfo: md.extraInfo as string,
    },
  };
  const warnings: ManifestWarning[] = c.unknownKeys.map((u) => ({ kind: 'unknown-key', key: u.key, line: u.line }));
  if (manifest.metadata.compatibility.talos.version === '') warnings.push({ kind: 'no-compatibility' });
  return { manifest, warnings };
}
