// runtime.ExtensionStatusController: publishes one ExtensionStatus per layer listed in
// /etc/extensions.yaml, once, at start. It never updates or removes them (the rootfs is immutable).
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { type ExtensionMetadata, type ExtensionStatusSpec, ExtensionStatusType } from '../resources/index.js';
import type { Controller, Input, Logger, Output, Runtime } from '../src/cosi/index.js';
import { newTypedResource } from '../src/cosi/index.js';
import { goPathError, type NodeFiles } from './node-files.js';

/** /etc/extensions.yaml as machined sees it (a read-only bind mount of the initramfs /extensions.yaml). */
export const EXTENSIONS_RUNTIME_CONFIG_FILE = '/etc/extensions.yaml';

export class ExtensionStatusController implements Controller {
  readonly name = 'runtime.ExtensionStatusController';

  constructor(private readonly files: NodeFiles) {}

  inputs(): Input[] {
    return [];
  }

  outputs(): Output[] {
    return [{ type: ExtensionStatusType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    if (!(await r.nextEvent())) return;
    let text: string;
    try {
      text = this.files.readFileSync(EXTENSIONS_RUNTIME_CONFIG_FILE, 'utf8');
    } catch (err) {
      throw new Error(`failed loading extensions config: ${goPathError(err)}`);
    }
    const layers = decodedLayers(text);
    for (const layer of layers) {
      const id = layer.image.endsWith('.sqsh') ? layer.image.slice(0, -'.sqsh'.length) : layer.image;
      await r.modify(newTypedResource(ExtensionStatusType, id), (res) => {
        res.spec = layer as ExtensionStatusSpec;
      });
    }
  }
}

/** Decodings of the last few files seen: nodes booted from the same asset read the same text. */
const decoded = new Map<string, readonly ExtensionStatusSpec[]>();
const DECODED_KEPT = 16;

function decodedLayers(text: string): readonly ExtensionStatusSpec[] {
  let layers = decoded.get(text);
  if (layers === undefined) {
    layers = decodeLayers(text);
    if (decoded.size >= DECODED_KEPT) decoded.delete(decoded.keys().next().value as string);
    decoded.set(text, layers);
  }
  return layers;
}

/** Decodes `layers: [{image, metadata}]`; an empty document (Go's io.EOF) means no layers. */
function decodeLayers(text: string): ExtensionStatusSpec[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`failed loading extensions config: yaml: ${doc.errors[0]?.message}`);
  const value = scalarsAsText(doc.contents) as { layers?: unknown } | null | undefined;
  if (value === null || value === undefined || typeof value !== 'object') return [];
  const layers = Array.isArray(value.layers) ? value.layers : [];
  return layers.map((raw) => {
    const l = (raw ?? {}) as { image?: unknown; metadata?: Record<string, unknown> };
    const m = l.metadata ?? {};
    const talos = ((m.compatibility as { talos?: { version?: unknown } } | undefined)?.talos ?? {}) as {
      version?: unknown;
    };
    const metadata: ExtensionMetadata = {
      name: str(m.name),
      version: str(m.version),
      author: str(m.author),
      description: str(m.description),
      compatibility: { talos: { version: str(talos.version) } },
    };
    if (str(m.extraInfo) !== '') metadata.extraInfo = str(m.extraInfo);
    return { image: str(l.image), metadata };
  });
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/**
 * Every field of the Go structs is a string, and go-yaml decodes any scalar into a string field as
 * its source text (`20240212.0` stays `20240212.0`, a null stays empty): plain scalars keep their
 * text, quoted and block scalars their value.
 */
function scalarsAsText(node: unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) out[String(scalarsAsText(pair.key))] = scalarsAsText(pair.value);
    return out;
  }
  if (isSeq(node)) return node.items.map(scalarsAsText);
  if (isScalar(node)) {
    if (node.value === null) return null;
    return node.type === 'PLAIN' && node.source !== undefined ? node.source : String(node.value);
  }
  return null;
}
