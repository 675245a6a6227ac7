// Model-based property test: random lower stacks (files, directories, symlinks, whiteouts and opaque directories
// in both conventions, on tree and memfs layers) with random calls through the node:fs facade, compared after each
// call with a flattened reference model. FC_NUM_RUNS raises the run count for long runs.
import fc from 'fast-check';
import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import {
  createNodeFs,
  isFsError,
  type Layer,
  memfsLayer,
  type NodeFs,
  OCI_OPAQUE_MARKER,
  Overlay,
  type TreeDirectory,
  type TreeEntry,
  TreeNode,
  treeLayer,
  volumeFromTree,
} from '../../src/overlayfs-sim/index.js';
import {
  childrenOf,
  flatten,
  type GenDir,
  type GenNode,
  type ModelNode,
  modelCalls,
  type Outcome,
  resolve,
} from './overlay-model.js';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
const NAMES = ['a', 'b', 'c'] as const;

// Mostly plain names, so that calls often hit existing entries; `.` and `..` now and then.
const pathPart = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 8 },
  { arbitrary: fc.constantFrom('..', '.'), weight: 1 },
);
const relativeTarget = fc.array(pathPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const target = fc.oneof(
  relativeTarget,
  relativeTarget.map((t) => `/${t}`),
  fc.constant('/'),
);
const opPath = fc
  .tuple(fc.array(pathPart, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 15 }))
  .map(([parts, slash]) => `/${parts.join('/')}${slash === 0 ? '/' : ''}`);

const leaf: fc.Arbitrary<GenNode> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('file' as const), content: fc.constantFrom('x', 'yy', 'zzz') }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('symlink' as const), target }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('whiteout' as const),
      style: fc.constantFrom('kernel' as const, 'oci' as const),
    }),
    weight: 2,
  },
);
const { dir } = fc.letrec<{ node: GenNode; dir: GenDir }>((tie) => ({
  node: fc.oneof({ maxDepth: 3, depthIdentifier: 'tree' }, leaf, tie('dir')),
  dir: fc.record({
    kind: fc.constant('dir' as const),
    opaque: fc.constantFrom('none' as const, 'none' as const, 'kernel' as const, 'oci' as const),
    children: fc.dictionary(fc.constantFrom(...NAMES), tie('node'), { maxKeys: 3 }),
  }),
}));
const layerArb = fc.record({
  root: dir.map((d): GenDir => ({ ...d, opaque: 'none' })),
  memfs: fc.boolean(),
});

type Op =
  | { readonly op: 'write'; readonly path: string; readonly content: string; readonly append: boolean }
  | { readonly op: 'mkdir' | 'unlink' | 'rmdir' | 'rm'; readonly path: string }
  | { readonly op: 'symlink'; readonly target: string; readonly path: string }
  | { readonly op: 'rename'; readonly from: string; readonly to: string };

function opArb(path: fc.Arbitrary<string>): fc.Arbitrary<Op> {
  return fc.oneof(
    fc.record({ op: fc.constant('write' as const), path, content: fc.constantFrom('1', '22'), append: fc.boolean() }),
    fc.record({ op: fc.constantFrom('mkdir' as const, 'unlink' as const, 'rmdir' as const, 'rm' as const), path }),
    fc.record({ op: fc.constant('symlink' as const), target, path }),
    fc.record({ op: fc.constant('rename' as const), from: path, to: path }),
  );
}

// Each run favours a few paths, so that sequences like "rm -r /a; mkdir /a" come up often.
const opsArb = fc.array(opPath, { minLength: 2, maxLength: 4 }).chain((hot) =>
  fc.array(opArb(fc.oneof({ arbitrary: fc.constantFrom(...hot), weight: 3 }, { arbitrary: opPath, weight: 1 })), {
    minLength: 5,
    maxLength: 30,
    size: 'max',
  }),
);

/** A generated layer as the tree notation (markers spelled out) plus kernel opaque xattrs for memfs. */
function toTree(node: GenDir, path: string, xattrs: Record<string, Record<string, string>>): TreeDirectory {
  const out: Record<string, TreeEntry> = {};
  if (node.opaque === 'oci') out[OCI_OPAQUE_MARKER] = '';
  for (const [name, child] of Object.entries(node.children)) {
    const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
    if (child.kind === 'file') out[name] = child.content;
    else if (child.kind === 'symlink') out[name] = TreeNode.symlink(child.target);
    else if (child.kind === 'whiteout' && child.style === 'kernel') out[name] = TreeNode.whiteout();
    else if (child.kind === 'whiteout') out[`.wh.${name}`] = '';
    else if (child.opaque === 'kernel') {
      xattrs[childPath] = { 'trusted.overlay.opaque': 'y' };
      out[name] = TreeNode.opaqueDirectory(toTree(child, childPath, xattrs));
    } else out[name] = toTree(child, childPath, xattrs);
  }
  return out;
}

function makeLayer(gen: { root: GenDir; memfs: boolean }, i: number): { layer: Layer; volume?: Volume } {
  const xattrs: Record<string, Record<string, string>> = {};
  const tree = toTree(gen.root, '/', xattrs);
  if (!gen.memfs) return { layer: treeLayer(tree, { name: `tree${i}` }) };
  const volume = volumeFromTree(tree);
  return { layer: memfsLayer(volume, { name: `memfs${i}`, xattrs }), volume };
}

function outcome(call: () => unknown): Outcome {
  try {
    return { ok: true, value: call() };
  } catch (err) {
    if (isFsError(err)) return { ok: false, code: err.code };
    throw err;
  }
}

const strip = (o: Outcome): Outcome => (o.ok ? { ok: true } : o);

function apply(fs: NodeFs, model: Map<string, ModelNode>, op: Op): [Outcome, Outcome] {
  switch (op.op) {
    case 'write': {
      const call = () => (op.append ? fs.appendFileSync(op.path, op.content) : fs.writeFileSync(op.path, op.content));
      return [strip(outcome(call)), modelCalls.writeFile(model, op.path, op.content, op.append)];
    }
    case 'mkdir':
      return [strip(outcome(() => fs.mkdirSync(op.path))), modelCalls.mkdir(model, op.path)];
    case 'unlink':
      return [strip(outcome(() => fs.unlinkSync(op.path))), modelCalls.unlink(model, op.path)];
    case 'rmdir':
      return [strip(outcome(() => fs.rmdirSync(op.path))), modelCalls.rmdir(model, op.path)];
    case 'rm':
      return [strip(outcome(() => fs.rmSync(op.path, { recursive: true }))), modelCalls.rm(model, op.path)];
    case 'symlink':
      return [strip(outcome(() => fs.symlinkSync(op.target, op.path))), modelCalls.symlink(model, op.target, op.path)];
    case 'rename':
      return [strip(outcome(() => fs.renameSync(op.from, op.to))), modelCalls.rename(model, op.from, op.to)];
  }
}

/** The whole visible tree, read through the facade without following symlinks. */
function snapshot(fs: NodeFs): Map<string, ModelNode> {
  const out = new Map<string, ModelNode>();
  const visit = (path: string): void => {
    const stats = fs.lstatSync(path);
    if (stats.isSymbolicLink()) out.set(path, { type: 'symlink', target: fs.readlinkSync(path) });
    else if (stats.isFile())
      out.set(path, { type: 'file', content: fs.readFileSync(path, 'utf8'), mode: stats.mode & 0o7777 });
    else {
      out.set(path, { type: 'dir', lower: false, mode: stats.mode & 0o7777 });
      for (const name of fs.readdirSync(path)) visit(path === '/' ? `/${name}` : `${path}/${name}`);
    }
  };
  visit('/');
  return out;
}

const comparable = (model: ReadonlyMap<string, ModelNode>): Map<string, ModelNode> =>
  new Map([...model].map(([p, n]) => [p, n.type === 'dir' ? { ...n, lower: false } : n]));

/**
 * What stat, readdir and realpath(3) say about a path, through symlinks, in the facade and in the model (the
 * kernel's semantics; node's JavaScript realpathSync is checked against node itself in test/node/path-oracle).
 */
function probe(fs: NodeFs, model: ReadonlyMap<string, ModelNode>, path: string): [unknown, unknown] {
  const actual = outcome(() => {
    const stats = fs.statSync(path);
    return [stats.isDirectory() ? fs.readdirSync(path) : 'non-dir', fs.realpathSync.native(path)];
  });
  const r = resolve(model, path, true);
  const expected: Outcome = r.ok
    ? {
        ok: true,
        value: [model.get(r.path as string)?.type === 'dir' ? childrenOf(model, r.path as string) : 'non-dir', r.path],
      }
    : r;
  return [actual, expected];
}

describe('Overlay against a flattened reference model', () => {
  it(
    'shows exactly the flattened lower stack, and stays equal to the model through random calls',
    () => {
      fc.assert(
        fc.property(
          fc.array(layerArb, { minLength: 1, maxLength: 4 }),
          opsArb,
          fc.array(opPath, { minLength: 3, maxLength: 6 }),
          (gens, ops, probes) => {
            const made = gens.map(makeLayer);
            const before = made.map((m) => m.volume?.toJSON());
            const fs = createNodeFs(new Overlay({ lowers: made.map((m) => m.layer), upper: new Volume() }));
            const model = flatten(gens.map((g) => g.root));
            expect(snapshot(fs)).toEqual(comparable(model));
            for (const op of ops) {
              const [actual, expected] = apply(fs, model, op);
              expect(actual, JSON.stringify(op)).toEqual(expected);
              for (const path of probes) {
                const [got, want] = probe(fs, model, path);
                expect(got, path).toEqual(want);
              }
            }
            expect(snapshot(fs)).toEqual(comparable(model));
            expect(made.map((m) => m.volume?.toJSON())).toEqual(before);
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    Math.max(10_000, NUM_RUNS * 20),
  );
});
