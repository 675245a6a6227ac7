// `sim ext validate` reads the service definitions an extension ships (/usr/local/etc/containers) as a node's
// ExtensionServiceController would and fails on the files it would log and skip, with the controller's texts
// (decode errors, Validate()'s multierror, duplicates); a file Talos ignores (not `.yaml`) is a warning.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sim } from '../../support/run-sim.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'extensions');

let home: string;
let containers: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'sim-ext-services-'));
  cpSync(join(EXAMPLES, 'hello-world-service'), join(home, 'hw'), { recursive: true });
  containers = join(home, 'hw', 'rootfs', 'usr', 'local', 'etc', 'containers');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const validate = (...flags: string[]) => sim(['ext', 'validate', 'hw', ...flags], { cwd: home });

describe('sim ext validate, service definitions', () => {
  it('passes the example extensions that ship services', async () => {
    for (const name of ['hello-world-service', 'nut-client', 'tailscale', 'qemu-guest-agent', 'iscsi-tools']) {
      const run = await sim(['ext', 'validate', join(EXAMPLES, name), '--talos', 'v1.13.9']);
      expect([name, run.code, run.stderr]).toEqual([name, 0, '']);
    }
  });

  it('fails on files the controller would skip, with its texts, in name order', async () => {
    writeFileSync(join(containers, 'a-bad.yaml'), 'name: Bad.Name\ncontainer: {}\ndepends:\n  - path: rel\n  - {}\n');
    writeFileSync(join(containers, 'b-enum.yaml'), 'name: b\nrestart: sometimes\n');
    writeFileSync(join(containers, 'c-dup.yaml'), 'name: hello-world\nrestart: never\ncontainer: {entrypoint: ./x}\n');
    mkdirSync(join(containers, 'd-dir.yaml'));
    symlinkSync('/nowhere.yaml', join(containers, 'e-link.yaml'));
    writeFileSync(join(containers, 'notes.yml'), 'name: notes\n');
    const run = await validate('--talos', 'v1.11.2');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'warning: hw: /usr/local/etc/containers/notes.yml: skipping config file (only files named *.yaml define services)\n' +
        'hw: /usr/local/etc/containers/a-bad.yaml: error validating extension service spec: 5 errors occurred:\n' +
        '\t* name "Bad.Name" is invalid\n' +
        '\t* restart kind is invalid: RestartKind(0)\n' +
        "\t* container endpoint can't be empty\n" +
        '\t* path is not absolute: "rel"\n' +
        '\t* no dependency specified\n' +
        'hw: /usr/local/etc/containers/b-enum.yaml: error loading extension service spec: error unmarshalling extension service config: sometimes does not belong to RestartKind values\n' +
        'hw: /usr/local/etc/containers/d-dir.yaml: error loading extension service spec: error unmarshalling extension service config: read /usr/local/etc/containers/d-dir.yaml: is a directory\n' +
        'hw: /usr/local/etc/containers/e-link.yaml: error loading extension service spec: open /usr/local/etc/containers/e-link.yaml: no such file or directory\n' +
        'hw: /usr/local/etc/containers/hello-world.yaml: duplicate service spec: name "hello-world" (the first file in name order wins)\n',
    });
  });

  it('--strict makes a skipped file an error; a matrix shows the first problem per release', async () => {
    writeFileSync(join(containers, 'notes.yml'), 'name: notes\n');
    expect(await validate('--strict')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'hw: /usr/local/etc/containers/notes.yml: skipping config file (only files named *.yaml define services)\n',
    });
    writeFileSync(join(containers, 'x.yaml'), 'name: x\nrestart: always\n');
    const matrix = await validate('--talos', 'v1.12.0', '--talos', 'v1.13.9');
    expect(matrix.code).toBe(1);
    expect(matrix.stdout.split('\n').slice(-3)).toEqual([
      "v1.12.0   FAIL     /usr/local/etc/containers/x.yaml: error validating extension service spec: 1 error occurred: * container endpoint can't be empty",
      "v1.13.9   FAIL     /usr/local/etc/containers/x.yaml: error validating extension service spec: 1 error occurred: * container endpoint can't be empty",
      '',
    ]);
    expect(matrix.stderr).toBe(
      'warning: hw: /usr/local/etc/containers/notes.yml: skipping config file (only files named *.yaml define services)\n' +
        "hw: /usr/local/etc/containers/x.yaml: error validating extension service spec: 1 error occurred:\n\t* container endpoint can't be empty\n",
    );
  });
});
