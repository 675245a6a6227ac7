import { describe, expect, it } from 'vitest';
import { encode, OrderedMapping, untagged, YAML_FLAVOURS } from '../../src/goyaml/index.js';

// spec §5 "Resource-level vector": cosi's hand-built metadata node (untagged plain scalars in a fixed order)
// next to a spec struct, encoded by talosctl's encoder — identical in every flavour.
const metadata = new OrderedMapping([
  [untagged('namespace'), untagged('runtime')],
  [untagged('type'), untagged('ExtensionStatuses.runtime.talos.dev')],
  [untagged('id'), untagged('0')],
  [untagged('version'), untagged('1')],
  [untagged('owner'), untagged('runtime.ExtensionStatusController')],
  [untagged('phase'), untagged('running')],
  [untagged('created'), untagged('2024-08-09T03:07:41Z')],
  [untagged('updated'), untagged('2024-08-09T03:07:41Z')],
  [untagged('labels'), new OrderedMapping([[untagged('talos.dev/yes'), untagged('yes')]])],
]);

const spec = {
  image: '0.sqsh',
  metadata: {
    name: 'iscsi-tools',
    version: 'v0.1.4',
    author: 'Sidero Labs',
    description: 'This system extension provides iSCSI tools.\n',
    compatibility: { talos: { version: '>= v1.6.0' } },
  },
};

const EXPECTED = `metadata:
    namespace: runtime
    type: ExtensionStatuses.runtime.talos.dev
    id: 0
    version: 1
    owner: runtime.ExtensionStatusController
    phase: running
    created: 2024-08-09T03:07:41Z
    updated: 2024-08-09T03:07:41Z
    labels:
        talos.dev/yes: yes
spec:
    image: 0.sqsh
    metadata:
        name: iscsi-tools
        version: v0.1.4
        author: Sidero Labs
        description: |
            This system extension provides iSCSI tools.
        compatibility:
            talos:
                version: '>= v1.6.0'
`;

describe('resource-level vector', () => {
  it.each(YAML_FLAVOURS)('%s writes metadata plain and untyped, the spec with the server quoting', (flavour) => {
    expect(
      encode(
        new OrderedMapping([
          ['metadata', metadata],
          ['spec', spec],
        ]),
        flavour,
      ),
    ).toBe(EXPECTED);
  });

  it('writes an empty untagged value as a bare key and quotes an untagged value only when plain is impossible', () => {
    const doc = new OrderedMapping([
      [untagged('owner'), untagged('')],
      [untagged('a'), untagged('- x')],
      [untagged('b'), untagged('a\tb')],
      [untagged('c'), untagged('two\nlines')],
      [untagged('d'), untagged('true')],
    ]);
    expect(encode(doc, 'rc6')).toBe('owner:\na: \'- x\'\nb: "a\\tb"\nc: |-\n    two\n    lines\nd: true\n');
  });

  it('quotes an empty untagged key', () => {
    expect(encode(new OrderedMapping([[untagged(''), untagged('v')]]), 'v3')).toBe("'': v\n");
  });
});
