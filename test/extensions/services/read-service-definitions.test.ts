// The classification ExtensionServiceController applies to /usr/local/etc/containers, as `sim ext validate` can
// report it: byte order, `.yaml` only, decode and validation errors, the first of two names winning.
import { describe, expect, it } from 'vitest';
import { readServiceDefinitions } from '../../../src/extensions/services/index.js';

const FILES: Record<string, string> = {
  'b.yaml': 'name: b\ncontainer: {entrypoint: ./b}\nrestart: always\n',
  'a.yml': 'name: a\n',
  'B.yaml': 'name: b\ncontainer: {entrypoint: ./first}\nrestart: never\n',
  'c.yaml': 'restart: sometimes\n',
  'd.yaml': 'name: D\ncontainer: {entrypoint: ./d}\nrestart: always\n',
};

describe('readServiceDefinitions', () => {
  it('classifies each file with the controller texts', () => {
    const outcomes = readServiceDefinitions(Object.keys(FILES), (f) => FILES[f] as string, { flavour: 'rc4' });
    expect(
      outcomes.map((o) => [
        o.kind,
        o.filename,
        'error' in o ? o.error : 'spec' in o ? o.spec.container.entrypoint : '',
      ]),
    ).toEqual([
      ['ok', 'B.yaml', './first'],
      ['skipped', 'a.yml', ''],
      ['duplicate', 'b.yaml', ''],
      [
        'load-error',
        'c.yaml',
        'error unmarshalling extension service config: yaml: construct errors:\n  line 1: sometimes does not belong to RestartKind values',
      ],
      ['invalid', 'd.yaml', '1 error occurred:\n\t* name "D" is invalid\n\n'],
    ]);
  });

  it('reports what reading a file failed with', () => {
    const outcomes = readServiceDefinitions(['x.yaml'], () => {
      throw new Error('open /usr/local/etc/containers/x.yaml: permission denied');
    });
    expect(outcomes).toEqual([
      { kind: 'load-error', filename: 'x.yaml', error: 'open /usr/local/etc/containers/x.yaml: permission denied' },
    ]);
  });
});
