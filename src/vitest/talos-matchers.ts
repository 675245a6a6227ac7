// Matchers over simulated nodes, as plain functions of (received, …expected) → { pass, message }: what
// `talos-sim/vitest` registers with vitest's expect, and what a Jest setup file can pass to `expect.extend`.
// Failure messages show what the node has, so a failing test says what to expect instead.
import { isDeepStrictEqual } from 'node:util';
import {
  type ExtensionStatusSpec,
  ExtensionStatusType,
  isStatusError,
  type Resource,
  type ResourceTypeRef,
  type ServiceState,
  TalosNode,
} from '../index.js';

export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function node(received: unknown, matcher: string): TalosNode {
  if (!(received instanceof TalosNode)) {
    throw new TypeError(`${matcher}: expected a TalosNode (cluster.node(address)), got ${typeof received}`);
  }
  return received;
}

/** Whether `actual` contains `expected`: objects by their keys (recursively), lists and values exactly. */
function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) {
    return isDeepStrictEqual(actual, expected);
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}

const show = (value: unknown) => JSON.stringify(value);

export const talosMatchers = {
  /** The node runs an extension of this name (and version), as `talosctl get extensions` lists it. */
  async toHaveExtension(received: unknown, name: string, version?: string): Promise<MatcherResult> {
    const n = node(received, 'toHaveExtension');
    const extensions = (await n.list(ExtensionStatusType)).map((r: Resource<ExtensionStatusSpec>) => r.spec.metadata);
    const pass = extensions.some((m) => m.name === name && (version === undefined || m.version === version));
    const wanted = version === undefined ? name : `${name} ${version}`;
    const has = extensions.map((m) => `${m.name} ${m.version}`).join(', ') || 'no extensions';
    return {
      pass,
      message: () => `expected node ${n.address} ${pass ? 'not ' : ''}to have extension ${wanted}; it has: ${has}`,
    };
  },

  /** The node has the resource (any talosctl type name, or a type object), its spec containing `spec` if given. */
  async toHaveResource(received: unknown, type: ResourceTypeRef, id: string, spec?: unknown): Promise<MatcherResult> {
    const n = node(received, 'toHaveResource');
    let resource: Resource | undefined;
    try {
      resource = await n.get(type, id);
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
    }
    const name = typeof type === 'string' ? type : type.definition.type;
    if (resource === undefined) {
      const ids = (await n.list(type)).map((r) => r.metadata.id);
      return {
        pass: false,
        message: () => `expected node ${n.address} to have ${name} ${id}; it has: ${ids.join(', ') || 'none'}`,
      };
    }
    const pass = spec === undefined || contains(resource.spec, spec);
    return {
      pass,
      message: () =>
        spec === undefined
          ? `expected node ${n.address} not to have ${name} ${id}`
          : `expected ${name} ${id} on node ${n.address} ${pass ? 'not ' : ''}to contain ${show(spec)}; its spec is ${show(resource?.spec)}`,
    };
  },

  /** The node has the service (`ext-hello-world`, `containerd`), in this state when given (`Running`, `Waiting`…). */
  toHaveService(received: unknown, id: string, state?: ServiceState): MatcherResult {
    const n = node(received, 'toHaveService');
    const services = n.services.list();
    const service = services.find((s) => s.id === id);
    const pass = service !== undefined && (state === undefined || service.state === state);
    const has = services.map((s) => `${s.id} ${s.state}`).join(', ') || 'no services';
    const last = service?.events.at(-1);
    const wanted = state === undefined ? id : `${id} ${state}`;
    return {
      pass,
      message: () =>
        `expected node ${n.address} ${pass ? 'not ' : ''}to have service ${wanted}` +
        (service !== undefined && last !== undefined && !pass
          ? `; its last event is [${last.state}]: ${last.message}`
          : '') +
        `; it has: ${has}`,
    };
  },

  /** The node's merged filesystem has a file at `path` (with this content, when given). */
  async toHaveFile(received: unknown, path: string, content?: string): Promise<MatcherResult> {
    const n = node(received, 'toHaveFile');
    const { fs } = n.filesystem;
    let actual: string | undefined;
    let kind: string | undefined;
    try {
      const stats = fs.statSync(path);
      if (stats.isFile()) actual = fs.readFileSync(path, 'utf8');
      else kind = stats.isDirectory() ? 'a directory' : 'not a regular file';
    } catch {
      actual = undefined;
    }
    if (kind !== undefined) {
      return { pass: false, message: () => `expected node ${n.address} to have file ${path}; it is ${kind}` };
    }
    if (actual === undefined) {
      const dir = path.slice(0, path.lastIndexOf('/')) || '/';
      let listing = 'not a directory';
      try {
        listing = fs.readdirSync(dir).join(', ') || 'nothing';
      } catch {
        // keep the note
      }
      return { pass: false, message: () => `expected node ${n.address} to have file ${path}; ${dir} has: ${listing}` };
    }
    const pass = content === undefined || actual === content;
    return {
      pass,
      message: () =>
        content === undefined
          ? `expected node ${n.address} not to have file ${path}`
          : `expected ${path} on node ${n.address} ${pass ? 'not ' : ''}to read ${show(content)}; it reads ${show(actual)}`,
    };
  },
};

/** The matchers' signatures as `expect(node)` assertions (awaited: they read the node). */
export interface TalosMatchers<R = unknown> {
  toHaveExtension(name: string, version?: string): Promise<R>;
  toHaveResource(type: ResourceTypeRef, id: string, spec?: unknown): Promise<R>;
  toHaveFile(path: string, content?: string): Promise<R>;
  /** Synchronous: the supervisor answers at once. */
  toHaveService(id: string, state?: ServiceState): R;
}
