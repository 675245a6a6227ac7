// The imager's and `sim ext validate`'s NAME VERSION AUTHOR table.
import { describe, expect, it } from 'vitest';
import { formatExtensionsTable, imageFromDescription, loadExtension } from '../../src/extensions/index.js';

describe('extensions table', () => {
  it('prints NAME VERSION AUTHOR with padding 3, in list order', () => {
    const ext = (name: string, version: string, author: string) =>
      loadExtension(
        imageFromDescription({ manifest: { version: 'v1alpha1', metadata: { name, version, author } }, rootfs: {} }),
      );
    expect(
      formatExtensionsTable([
        ext('gvisor', '20250505.0', 'Sidero Labs'),
        ext('drbd', '9.2.14-v1.11.0', 'Alexander Prentki'),
      ]),
    ).toBe(
      'NAME     VERSION          AUTHOR\ngvisor   20250505.0       Sidero Labs\ndrbd     9.2.14-v1.11.0   Alexander Prentki\n',
    );
    expect(formatExtensionsTable([])).toBe('NAME   VERSION   AUTHOR\n');
  });
});
