// The `NAME  VERSION  AUTHOR` table the imager prints after `discovered system extensions:`
// (pkg/imager/extensions/printer.go): one row per extension in list order, tabwriter padding 3.

import { tabwrite } from '../gofmt/index.js';
import type { Extension } from './extension.js';

export function formatExtensionsTable(extensions: readonly Extension[]): string {
  const rows = extensions.map(
    (e) => `${e.manifest.metadata.name}\t${e.manifest.metadata.version}\t${e.manifest.metadata.author}\n`,
  );
  return tabwrite(`NAME\tVERSION\tAUTHOR\n${rows.join('')}`, { padding: 3 });
}
