// runtime.ImageFactorySchematicController (v1.14.0-alpha.2 on, commit bb2ac7546): surfaces the Image Factory's
// `schematic` extension as the singleton ImageFactorySchematic. The first ExtensionStatus (in id order) named
// `schematic` with a non-empty version wins: schematicId = version, and the author `Flavor (URL)` is split at its
// last ` (` into flavor and API URL. The resource goes away with the extension. Input: ExtensionStatus, weak.
import { type ExtensionStatusSpec, ExtensionStatusType } from '../resources/extension-status.js';
import {
  IMAGE_FACTORY_SCHEMATIC_ID,
  type ImageFactorySchematicSpec,
  ImageFactorySchematicType,
} from '../resources/image-factory-schematic.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { ControllerFailure } from './controller-failure.js';

/** constants.ImageFactorySchematicExtensionName */
export const SCHEMATIC_EXTENSION_NAME = 'schematic';

/** parseAuthor: `Image Factory (https://factory.talos.dev)` → flavor `Image Factory`, URL `https://factory.talos.dev`. */
export function parseSchematicAuthor(author: string): Pick<ImageFactorySchematicSpec, 'flavor' | 'apiUrl'> {
  const at = author.lastIndexOf(' (');
  if (at === -1) return { flavor: author, apiUrl: '' };
  const rest = author.slice(at + 2);
  return { flavor: author.slice(0, at), apiUrl: rest.endsWith(')') ? rest.slice(0, -1) : rest };
}

export class ImageFactorySchematicController implements Controller {
  readonly name = 'runtime.ImageFactorySchematicController';

  inputs(): Input[] {
    return [{ namespace: 'runtime', type: ExtensionStatusType.definition.type, kind: 'weak' }];
  }

  outputs(): Output[] {
    return [{ type: ImageFactorySchematicType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      r.startTrackingOutputs();
      const statuses = await r
        .list({ namespace: 'runtime', type: ExtensionStatusType.definition.type })
        .catch((err: unknown) => {
          throw ControllerFailure.wrap('state', 'error listing extension statuses', err);
        });
      for (const status of statuses) {
        const { metadata } = status.spec as ExtensionStatusSpec;
        if (metadata.name !== SCHEMATIC_EXTENSION_NAME) continue;
        if (metadata.version === '') {
          logger.log('warn', 'schematic extension has empty version (schematic ID), skipping');
          continue;
        }
        const { flavor, apiUrl } = parseSchematicAuthor(metadata.author);
        await r.modify(newTypedResource(ImageFactorySchematicType, IMAGE_FACTORY_SCHEMATIC_ID), (res) => {
          res.spec = { schematicId: metadata.version, flavor, apiUrl };
        });
        break;
      }
      await r.cleanupOutputs({ namespace: 'runtime', type: ImageFactorySchematicType.definition.type });
    }
  }
}
