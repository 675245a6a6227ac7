// The images of a scenario. Inline ones are a manifest and files by path, for tests: a file is its content, or an
// object with `content` and `mode`, a `symlink` target, or `directory: true`; modes are octal however they are
// written. Every image, inline or read from a path, is loaded as Talos loads an extension before anything is built,
// so that a missing or broken manifest is reported at its key, not when a node installs it. (Whether the
// extension's constraint admits a node's release is the installer's check, with its release's quirks.)
import { resolve } from 'node:path';
import {
  checkConstraint,
  classifyImageArgument,
  type FileSpec,
  type FsTree,
  formatImageReference,
  imageFromDescription,
  isExtensionLoadError,
  loadExtension,
  parseImageReference,
  readImage,
} from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';
import type { PlannedImage } from './cluster-plan.js';
import type { ValuePath } from './located-yaml.js';
import type { ScenarioReader } from './scenario-reader.js';

const IMAGE_KEYS = ['ref', 'path', 'inline'];
const INLINE_KEYS = ['manifest', 'files'];
/** squashfs's limits on a directory entry's name and a symlink's target. */
const MAX_NAME_BYTES = 256;
const MAX_SYMLINK_BYTES = 65535;
const FILE_KEYS = ['content', 'mode', 'symlink', 'directory'];

export function readInlineImage(r: ScenarioReader, path: ValuePath): FsTree {
  const inline = r.mapping(path, INLINE_KEYS) ?? r.fail(path, 'expected a mapping with manifest and files');
  const manifest = inline.manifest;
  if (manifest === undefined || manifest === null) r.fail([...path, 'manifest'], 'required');
  if (typeof manifest !== 'string' && (typeof manifest !== 'object' || Array.isArray(manifest))) {
    r.fail([...path, 'manifest'], 'expected a mapping (the manifest) or its YAML text');
  }
  const files = r.mapping([...path, 'files'], Object.keys(inline.files ?? {})) ?? {};
  const rootfs: Record<string, FileSpec> = {};
  for (const name of Object.keys(files)) {
    const at = [...path, 'files', name];
    if (!name.startsWith('/')) r.fail(at, 'a file path is absolute (/usr/local/bin/x)');
    // one trailing slash is allowed (`/usr/local/share/empty/`), as a directory may be written
    const parts = (name.length > 1 && name.endsWith('/') ? name.slice(1, -1) : name.slice(1)).split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..')) {
      r.fail(at, 'a file path names an entry below / without empty, . or .. components (/usr/local/bin/x)');
    }
    // what squashfs can store, checked here rather than when the layer is squashed
    if (parts.some((p) => p.includes('\0') || Buffer.byteLength(p) > MAX_NAME_BYTES)) {
      r.fail(at, `a file name is at most ${MAX_NAME_BYTES} bytes, without NUL`);
    }
    const spec = fileSpec(r, at);
    // a trailing slash names a directory, as a shell path does
    if (
      name.length > 1 &&
      name.endsWith('/') &&
      !(typeof spec === 'object' && 'kind' in spec && spec.kind === 'directory')
    ) {
      r.fail(at, 'a path ending in / is a directory: give it { directory: true }, or drop the /');
    }
    rootfs[name] = spec;
  }
  // an entry inside another one needs that one to be a directory: a file there would silently become one
  const entries = new Map(Object.entries(rootfs).map(([name, spec]) => [name.replace(/(.)\/$/, '$1'), spec]));
  for (const name of Object.keys(rootfs)) {
    for (let cut = name.indexOf('/', 1); cut > 0 && cut < name.length - 1; cut = name.indexOf('/', cut + 1)) {
      const above = entries.get(name.slice(0, cut));
      if (above !== undefined && !(typeof above === 'object' && 'kind' in above && above.kind === 'directory')) {
        r.fail([...path, 'files', name], `${goQuote(name.slice(0, cut))} is given as a file, not a directory`);
      }
    }
  }
  return imageFromDescription({ manifest: manifest as string, rootfs });
}

function fileSpec(r: ScenarioReader, path: ValuePath): FileSpec {
  const value = r.at(path);
  if (typeof value === 'string') return value;
  const spec = r.mapping(path, FILE_KEYS) ?? r.fail(path, 'expected the content or a mapping');
  const mode = spec.mode === undefined ? undefined : octalMode(r, [...path, 'mode']);
  const withMode = mode === undefined ? {} : { mode };
  const kinds = ['content', 'symlink', 'directory'].filter((k) => spec[k] !== undefined);
  if (kinds.length > 1) r.fail(path, `a file has one of content, symlink or directory, not ${kinds.join(' and ')}`);
  if (spec.symlink !== undefined) {
    // a symlink's own mode is always 0777 on Linux; squashfs stores it so
    if (spec.mode !== undefined) r.fail([...path, 'mode'], 'a symlink has no mode of its own (it is always 0777)');
    const target = r.requiredString([...path, 'symlink']);
    if (target === '' || target.includes('\0') || Buffer.byteLength(target) > MAX_SYMLINK_BYTES) {
      r.fail([...path, 'symlink'], `a symlink target is 1 to ${MAX_SYMLINK_BYTES} bytes, without NUL`);
    }
    return { kind: 'symlink', target, ...withMode };
  }
  if (spec.directory !== undefined) {
    if (spec.directory !== true) r.fail([...path, 'directory'], 'expected true');
    return { kind: 'directory', ...withMode };
  }
  return { kind: 'file', content: r.string([...path, 'content']) ?? '', ...withMode };
}

/** `0755`, `"0755"`, `0o755` and `755` are all 0o755; a number from code is taken as is. */
function octalMode(r: ScenarioReader, path: ValuePath): number {
  const value = r.at(path);
  const text = r.located.source(path) ?? (typeof value === 'string' ? value : undefined);
  let mode: number | undefined;
  if (text !== undefined) {
    const m = /^(?:0o|0)?([0-7]{1,5})$/i.exec(text.trim());
    mode = m === null ? undefined : Number.parseInt(m[1] as string, 8);
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    mode = value;
  }
  if (mode === undefined || mode < 0 || mode > 0o7777) {
    return r.fail(
      path,
      `invalid file mode ${JSON.stringify(text ?? value)}: expected octal permission bits such as 0755`,
    );
  }
  return mode;
}

/**
 * Fails at `at` when Talos could not load the image as an extension (no manifest, a manifest it cannot decode, a
 * compatibility constraint it cannot parse), with the loader's text.
 */
export function checkImageLoads(r: ScenarioReader, image: FsTree, at: ValuePath): void {
  let constraint: string;
  try {
    constraint = loadExtension(image).manifest.metadata.compatibility.talos.version;
  } catch (err) {
    if (!isExtensionLoadError(err)) throw err;
    r.fail(at, err.message, err);
  }
  const problem = checkConstraint(constraint, 'v1.0.0');
  if (problem?.detail.kind === 'constraint-parse') r.fail(at, problem.message, problem);
}

/**
 * The image a reference names, as a registry reads it: `example.com/a` is `example.com/a:latest`, `alpine` is
 * `docker.io/library/alpine:latest`. A reference that does not parse is kept as written (it fails where it is used).
 */
export function canonicalReference(reference: string): string {
  try {
    return formatImageReference(parseImageReference(reference));
  } catch {
    return reference;
  }
}

/** The scenario's `images:`, each loaded (from its path, or built from its inline description) and checked. */
export function readImages(r: ScenarioReader, baseDir: string): PlannedImage[] {
  const list = r.list(['images']) ?? [];
  const refs = new Map<string, number>();
  return list.map((_, i) => {
    const path: ValuePath = ['images', i];
    const entry = r.mapping(path, IMAGE_KEYS) ?? r.fail(path, 'expected a mapping with ref and path or inline');
    const ref = r.requiredString([...path, 'ref']);
    try {
      parseImageReference(ref);
    } catch (err) {
      r.fail([...path, 'ref'], (err as Error).message, err as Error);
    }
    const first = refs.get(canonicalReference(ref));
    if (first !== undefined) r.fail([...path, 'ref'], `duplicate image ${goQuote(ref)} (images[${first}])`);
    refs.set(canonicalReference(ref), i);
    const hasPath = entry.path !== undefined;
    const hasInline = entry.inline !== undefined;
    if (hasPath === hasInline) r.fail(path, 'an image has either path or inline');
    let image: FsTree;
    if (hasPath) {
      const where = r.requiredString([...path, 'path']);
      if (where === '') r.fail([...path, 'path'], 'expected the path of a directory, OCI layout or tarball, got ""');
      try {
        const source = classifyImageArgument(/^\.{0,2}\//.test(where) ? where : `./${where}`, baseDir);
        if (source.kind !== 'path') throw new Error(`open ${resolve(baseDir, where)}: no such file or directory`);
        image = readImage(source.source);
      } catch (err) {
        return r.fail([...path, 'path'], (err as Error).message, err as Error);
      }
      checkImageLoads(r, image, [...path, 'path']);
      return { ref, image, path: where };
    }
    image = readInlineImage(r, [...path, 'inline']);
    checkImageLoads(r, image, [...path, 'inline', 'manifest']);
    return { ref, image };
  });
}
