// `.machine.install.extensions` of a machine config (v1alpha1 `InstallConfig.InstallExtensions`): a list of
// `{image: <reference>}`, read from the v1alpha1 document (the one without `kind`) of a possibly multi-document config.
// A config larger than INPUT_LIMITS.machineConfigBytes is refused before it is parsed.
import { isMap, isSeq, parseAllDocuments } from 'yaml';
import { INPUT_LIMITS } from '../extensions/index.js';
import { MachineConfigError } from './machine-config-error.js';

/** The images listed, in order, as written (an item without `image` lists the empty string). */
export function installExtensionImages(machineConfig: string): string[] {
  const limit = INPUT_LIMITS.machineConfigBytes;
  if (Buffer.byteLength(machineConfig, 'utf8') > limit) throw MachineConfigError.tooLarge(limit);
  const docs = parseAllDocuments(machineConfig);
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error !== undefined) throw MachineConfigError.invalid(error.message);
  }
  const v1alpha1 = docs.find((d) => isMap(d.contents) && !d.contents.has('kind'));
  if (v1alpha1 === undefined) return [];
  const list = v1alpha1.getIn(['machine', 'install', 'extensions'], true);
  if (list === undefined || list === null || (typeof list === 'object' && 'value' in list && list.value === null)) {
    return [];
  }
  if (!isSeq(list))
    throw MachineConfigError.invalid('.machine.install.extensions must be a list of {image: <reference>}');
  return list.items.map((item) => {
    if (!isMap(item)) {
      throw MachineConfigError.invalid('.machine.install.extensions must be a list of {image: <reference>}');
    }
    const image = item.get('image', true);
    if (image === undefined || image === null) return '';
    if (typeof image !== 'object' || !('source' in image)) {
      throw MachineConfigError.invalid('.machine.install.extensions[].image must be a string');
    }
    // go-yaml stores a scalar's text in a string field whatever it resolves to (`image: 1.0` is "1.0")
    return image.value === null ? '' : String(image.source ?? image.value);
  });
}
