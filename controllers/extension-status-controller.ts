// runtime.ExtensionStatusController: publishes one ExtensionStatus per layer listed in /etc/extensions.yaml, once,
// at start. It never updates or removes them (the rootfs is immutable). The file is decoded as the node's go-yaml
// release decodes it (extensions-config-decoder.ts): an empty file means no extensions; a decode error fails the
// controller (`failed loading extensions config: yaml: …`) and the runtime restarts it with backoff; a `null`
// layer is a nil *Layer that upstream dereferences after publishing the layers before it, so the controller
// panics, is restarted, and panics again, forever.
import { type ExtensionStatusSpec, ExtensionStatusType } from '../resources/index.js';
import type { Controller, Input, Logger, Output, Runtime } from '../src/cosi/index.js';
import { newTypedResource } from '../src/cosi/index.js';
import type { YamlFlavour } from '../src/goyaml/index.js';
import { ControllerFailure, GoPanic } from './controller-failure.js';
import { DecodeCache } from './decode-cache.js';
import { type DecodedExtensionsConfig, decodeExtensionsConfig } from './extensions-config-decoder.js';
import { goPathError, type NodeFiles } from './node-files.js';

/** /etc/extensions.yaml as machined sees it (a read-only bind mount of the initramfs /extensions.yaml). */
export const EXTENSIONS_RUNTIME_CONFIG_FILE = '/etc/extensions.yaml';

export interface ExtensionStatusControllerOptions {
  /** The go-yaml release of the node (TalosVersionFacts.goYaml): its error texts. Default `rc6`. */
  readonly goYaml?: YamlFlavour;
}

export class ExtensionStatusController implements Controller {
  readonly name = 'runtime.ExtensionStatusController';
  private readonly flavour: YamlFlavour;

  constructor(
    private readonly files: NodeFiles,
    options: ExtensionStatusControllerOptions = {},
  ) {
    this.flavour = options.goYaml ?? 'rc6';
  }

  inputs(): Input[] {
    return [];
  }

  outputs(): Output[] {
    return [{ type: ExtensionStatusType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    // the controller runs once, as extensions are static
    if (!(await r.nextEvent())) return;
    let text: string;
    try {
      text = this.files.readFileSync(EXTENSIONS_RUNTIME_CONFIG_FILE, 'utf8');
    } catch (err) {
      throw new ControllerFailure('extensions-config', `failed loading extensions config: ${goPathError(err)}`, {
        cause: err,
      });
    }
    const { layers } = decodedConfig(text, this.flavour);
    for (const layer of layers) {
      if (layer === null) throw GoPanic.nilPointerDereference();
      const id = layer.image.endsWith('.sqsh') ? layer.image.slice(0, -'.sqsh'.length) : layer.image;
      await r.modify(newTypedResource(ExtensionStatusType, id), (res) => {
        res.spec = layer as ExtensionStatusSpec;
      });
    }
  }
}

/** Decodings of the last few files seen: nodes booted from the same asset read the same text. */
const decoded = new DecodeCache<DecodedExtensionsConfig>(16);

function decodedConfig(text: string, flavour: YamlFlavour): DecodedExtensionsConfig {
  return decoded.get(`${flavour}\u0000${text}`, () => {
    try {
      return decodeExtensionsConfig(text, flavour);
    } catch (err) {
      throw ControllerFailure.wrap('extensions-config', 'failed loading extensions config', err);
    }
  });
}
