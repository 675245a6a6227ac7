// `sim apply-config` as talosctl and machined answer it, per release: the node's validation (warnings and errors with
// upstream texts), where talosctl prints the answer, and how it reports refusals of one or several nodes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sim } from '../support/run-sim.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talos-sim-apply-'));
  const files: Record<string, string> = {
    'ok.yaml': 'version: v1alpha1\nmachine:\n  type: worker\n',
    'untyped.yaml': 'version: v1alpha1\nmachine: {}\n',
    'typo.yaml': 'version: v1alpha1\nmachine:\n  tpye: worker\n',
    'invalid.yaml':
      'version: v1alpha1\npersist: false\nmachine:\n  type: bogus\n  install:\n    extensions:\n      - image: a:1\n      - image: a:1\n',
    'esc.yaml': 'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: x\nenvironment: [A=B]\n',
    'empty.yaml': '',
    'two.yaml': 'version: v1alpha1\nnodes: [10.5.0.2, 10.5.0.3]\ntalos: v1.12\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const applyConfig = (...argv: string[]) => sim(['apply-config', ...argv], { cwd: dir });

describe('sim apply-config', () => {
  it('prints the answer on stderr, with the validation warnings first', async () => {
    expect(await applyConfig('--talos', 'v1.11', '-f', 'ok.yaml')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Applied configuration without a reboot\n',
    });
    expect(await applyConfig('--talos', 'v1.11', '-f', 'untyped.yaml')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'WARNING: use "worker" instead of "" for machine type\nApplied configuration without a reboot\n',
    });
  });

  it('follows old releases: no warnings before v1.5, stdout before talosctl v1.3.1, lower case on v1.0', async () => {
    expect(await applyConfig('--talos', 'v1.4', '-f', 'untyped.yaml')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Applied configuration without a reboot\n',
    });
    expect(await applyConfig('--talos', 'v1.2', '-f', 'untyped.yaml')).toEqual({
      code: 0,
      stdout: 'Applied configuration without a reboot\n',
      stderr: '',
    });
    expect(await applyConfig('--talos', 'v1.0', '-f', 'ok.yaml')).toEqual({
      code: 0,
      stdout: 'applied configuration without a reboot\n',
      stderr: '',
    });
  });

  it('reports a refusal as a go-multierror of node errors before talosctl v1.14.0-alpha.2', async () => {
    expect(await applyConfig('--talos', 'v1.11', '-f', 'typo.yaml')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error applying new configuration: 1 error occurred:\n\t* 172.20.0.2: rpc error: code = InvalidArgument desc = unknown keys found during decoding:\nmachine:\n    tpye: worker\n\n\n\n',
    });
    // the loader's document and line came with v1.12.3 (6aa9b0677)
    expect((await applyConfig('--talos', 'v1.13', '-f', 'typo.yaml')).stderr).toContain(
      'desc = error decoding document /v1alpha1/ (line 1): unknown keys found during decoding:\n',
    );
    expect((await applyConfig('--talos', 'v1.13', '-f', 'invalid.yaml')).stderr).toBe(
      'error applying new configuration: 1 error occurred:\n\t* 172.20.0.2: rpc error: code = InvalidArgument desc = 3 errors occurred:\n\t* unknown machine type "bogus"\n\t* duplicate system extension "a:1"\n\t* .persist should be enabled\n\n\n\n\n',
    );
    expect((await applyConfig('--talos', 'v1.11', '-f', 'esc.yaml')).stderr).toBe(
      "error applying new configuration: 1 error occurred:\n\t* 172.20.0.2: rpc error: code = InvalidArgument desc = the applied machine configuration doesn't contain v1alpha1 config, did you mean to patch the machine config instead?\n\n\n",
    );
  });

  it('names each node in its own line from talosctl v1.14.0-alpha.2', async () => {
    expect(await applyConfig('--talos', 'v1.14.0-rc.1', '-f', 'invalid.yaml')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '172.20.0.2: error applying configuration: rpc error: code = InvalidArgument desc = 3 errors occurred:\n\t* unknown machine type "bogus"\n\t* duplicate system extension "a:1"\n\t* .persist should be enabled\n\n\n',
    });
  });

  it('talks to every node, and prints nothing of the others when one refuses before v1.14.0-alpha.2', async () => {
    expect(await applyConfig('--scenario', 'two.yaml', '-f', 'ok.yaml')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Applied configuration without a reboot\nApplied configuration without a reboot\n',
    });
    const refused = await applyConfig('--scenario', 'two.yaml', '-f', 'esc.yaml');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error applying new configuration: 2 errors occurred:\n${['10.5.0.2', '10.5.0.3']
        .map(
          (n) =>
            `\t* ${n}: rpc error: code = InvalidArgument desc = the applied machine configuration doesn't contain v1alpha1 config, did you mean to patch the machine config instead?\n`,
        )
        .join('')}\n\n`,
    );
  });

  it('refuses what it cannot read as talosctl does', async () => {
    expect((await applyConfig('-f', 'missing.yaml')).stderr).toBe(
      'failed to read configuration from "missing.yaml": open missing.yaml: no such file or directory\n',
    );
    expect((await applyConfig('-f', 'empty.yaml')).stderr).toBe('no configuration data read\n');
  });
});
