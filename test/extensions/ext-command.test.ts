import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { sim as runSim } from '../support/run-sim.js';
import { OciBuilder } from './image/oci-builder.js';

const fixtures = fileURLToPath(new URL('../fixtures/extensions/', import.meta.url));
const builder = new OciBuilder();
afterAll(() => builder.dispose());

const sim = (...argv: string[]) => runSim(argv, { cwd: `${fixtures}upstream` });

describe('sim ext validate', () => {
  it('prints the NAME VERSION AUTHOR table of a valid extension', async () => {
    const run = await sim('ext', 'validate', 'good/extension1');
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('extensions/golden/validate-extension1.txt', run.stdout);
  });

  it.each([
    ['bad/wrongfiles', [], 'unexpected file "a"'],
    ['bad/emptymanifest', [], 'unsupported manifest version: ""'],
    ['bad/norootfs', [], 'extension rootfs is missing'],
    ['bad/badpaths', ['--talos', '1.0.0'], 'path "/boot/vmlinuz" is not allowed in extensions'],
    ['bad/usrmerge', ['--talos', 'v1.13.9'], 'path "/usr/lib64/a.so" is not allowed in extensions'],
    ['good/extension1', ['--talos', 'v1.9'], 'path "/usr/lib/firmware/amd/cpu" is not allowed in extensions'],
    ['missing', [], 'open missing: no such file or directory'],
    [
      '/dev/zero',
      [],
      'open /dev/zero: a character device is not an extension image (expected a directory, an OCI layout or an image tarball)',
    ],
    [
      'good/extension1',
      ['--talos', 'latest'],
      'invalid Talos version "latest": expected a semantic version such as v1.10.0',
    ],
  ])('fails %s %j with the upstream text on stderr', async (dir, flags, text) => {
    const run = await sim('ext', 'validate', dir, ...flags);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${text}\n` });
  });

  it('checks the constraint against the Talos version, pre-release dropped', async () => {
    const oci = builder.ociLayout([
      {
        layers: [
          builder.layer({
            'manifest.yaml':
              'version: v1alpha1\nmetadata:\n  name: needs-110\n  version: "1.0"\n  author: Me\n  compatibility:\n    talos:\n      version: ">= v1.10.0"\n',
            'rootfs/usr/local/bin/tool': 'x',
          }),
        ],
      },
    ]);
    expect((await sim('ext', 'validate', oci, '--talos', 'v1.10.0-beta.1')).code).toBe(0);
    expect(await sim('ext', 'validate', oci, '--talos', 'v1.9.6')).toEqual({
      code: 1,
      stdout: '',
      stderr: "version constraint >= v1.10.0 can't be satisfied with Talos version 1.9.6\n",
    });
  });

  it('prints a compatibility matrix over every known release and fails when declared support breaks', async () => {
    const run = await sim('ext', 'validate', 'good/extension1', '--talos', 'all');
    expect([run.code, run.stderr]).toEqual([1, '']);
    expectGolden('extensions/golden/validate-extension1-all.txt', run.stdout);
  });

  it('checks every release of a line, and shows the older ones where their result differs from the newest', async () => {
    const dir = builder.populate({
      'manifest.yaml':
        'version: v1alpha1\nmetadata:\n  name: x\n  version: "1"\n  author: me\n  compatibility:\n    talos:\n      version: ">= v1.10.3"\n',
      'rootfs/usr/local/x': '',
    });
    const run = await sim('ext', 'validate', dir, '--talos', 'all');
    expect([run.code, run.stderr]).toEqual([0, '']);
    const rows = run.stdout.split('\n').filter((line) => /^v1\.(9|10|11)\./.test(line));
    expect(rows.map((row) => row.split(/ {2,}/).slice(0, 2).join(' '))).toEqual([
      'v1.9.6 incompatible',
      'v1.10.0 incompatible',
      'v1.10.1 incompatible',
      'v1.10.2 incompatible',
      'v1.10.9 ok',
      'v1.11.6 ok',
    ]);
    // a release named besides `all` takes its place in release order
    expect(await sim('ext', 'validate', dir, '--talos', 'v1.10', '--talos', 'all')).toEqual(run);
  });

  it("checks a pre-release as its installer did: the imager's core version from v1.5, the tag itself before", async () => {
    const below = (bound: string) =>
      builder.populate({
        'manifest.yaml': `version: v1alpha1\nmetadata:\n  name: x\n  version: "1"\n  author: me\n  compatibility:\n    talos:\n      version: "< ${bound}"\n`,
        'rootfs/usr/local/x': '',
      });
    expect((await sim('ext', 'validate', below('v1.10.0'), '--talos', 'v1.10.0-beta.1')).stderr).toBe(
      "version constraint < v1.10.0 can't be satisfied with Talos version 1.10.0\n",
    );
    expect((await sim('ext', 'validate', below('v1.3.0-beta.0'), '--talos', 'v1.3.0-beta.0')).stderr).toBe(
      "version constraint < v1.3.0-beta.0 can't be satisfied with Talos version 1.3.0-beta.0\n",
    );
  });

  it('refuses a Talos release talos-sim does not know, as sim get does', async () => {
    for (const talos of ['v9.9.9', 'v1.15']) {
      expect(await sim('ext', 'validate', 'good/extension1', '--talos', talos)).toEqual({
        code: 1,
        stdout: '',
        stderr: `--talos: unknown Talos version "${talos}"\n`,
      });
    }
    expect((await sim('ext', 'validate', 'good/extension1', '--talos', 'v1.10.99')).stderr).toBe(
      'Talos v1.10.99 was never released: the newest v1.10 release talos-sim knows is v1.10.9\n',
    );
  });

  it('prints a matrix for repeated --talos, and exits 0 when no row fails', async () => {
    const run = await sim(
      'ext',
      'validate',
      'ghcr.io/siderolabs/zfs:2.4.2-v1.14.0-alpha.1',
      '--talos',
      'v1.5.6',
      '--talos',
      'v1.13',
      '--strict',
    );
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('extensions/golden/validate-zfs-matrix.txt', run.stdout);
  });

  it('warns about manifest mistakes Talos accepts, and fails on them with --strict', async () => {
    const dir = builder.populate({
      'manifest.yaml': 'version: v1alpha1\nmetadata:\n  name: typo\n  verison: 1.0\n  author: me\n',
      'rootfs/usr/local/x': '',
    });
    const warned = await sim('ext', 'validate', dir);
    expect([warned.code, warned.stdout]).toEqual([0, 'NAME   VERSION   AUTHOR\ntypo             me\n']);
    expect(warned.stderr).toBe(
      `warning: ${dir}: manifest.yaml line 4: unknown key "metadata.verison" (Talos ignores it)\n` +
        `warning: ${dir}: manifest.yaml: no metadata.compatibility.talos.version, so every Talos version accepts the extension\n`,
    );
    expect(await sim('ext', 'validate', dir, '--strict')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `${dir}: manifest.yaml line 4: unknown key "metadata.verison" (Talos ignores it)\n` +
        `${dir}: manifest.yaml: no metadata.compatibility.talos.version, so every Talos version accepts the extension\n`,
    });
  });

  it('reports a constraint that does not parse once, whatever the versions', async () => {
    const dir = builder.populate({
      'manifest.yaml':
        'version: v1alpha1\nmetadata:\n  name: x\n  compatibility:\n    talos:\n      version: "~> 1.0"\n',
      'rootfs/usr/local/x': '',
    });
    expect(await sim('ext', 'validate', dir, '--talos', 'all')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error parsing Talos version constraint: Could not parse Range "~>1.0": Could not parse comparator "~>" in "~>1.0"\n',
    });
  });
});

describe('sim ext find', () => {
  it('prints the pinned references grep would print', async () => {
    const run = await sim('ext', 'find', 'gvisor', '--talos', 'v1.14.0-alpha.1');
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('extensions/golden/find-gvisor-v1.14.0-alpha.1.txt', run.stdout);
  });

  it('prints nothing and exits 1 when nothing matches, explaining on stderr', async () => {
    expect(await sim('ext', 'find', 'cloudflared', '--talos', '1.14.0-alpha.1')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'no extension matching "cloudflared" in ghcr.io/siderolabs/extensions:v1.14.0-alpha.1\n',
    });
  });

  it('fails clearly for a Talos version without an index', async () => {
    expect(await sim('ext', 'find', 'gasket-driver', '--talos', 'v1.5.3')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'image "ghcr.io/siderolabs/extensions:v1.5.3" not found: no tag "v1.5.3" in ghcr.io/siderolabs/extensions\n' +
        "talos-sim's catalog has indexes for v1.0.6, v1.1.2, v1.2.9, v1.3.7, v1.4.8, v1.5.6, v1.6.8, v1.7.7, " +
        'v1.8.4, v1.9.6, v1.10.9, v1.11.2, v1.11.6, v1.12.11, v1.13.9, v1.14.0-alpha.1, v1.14.0-rc.1\n',
    });
  });
});
