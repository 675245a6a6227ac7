// `sim get` against the embedded default scenario (and others): talosctl's flow, printers and error texts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { expectGolden } from '../support/golden.js';
import { sim } from '../support/run-sim.js';

describe('sim get', () => {
  it('lists the extensions of the default scenario: gVisor and DRBD through Image Factory on v1.11.2', async () => {
    const run = await sim(['get', 'extensions']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/get-extensions.txt', run.stdout);
  });

  it('prints an extension as talosctl -o yaml does, the schematic in extraInfo', async () => {
    const run = await sim(['get', 'extensions', '2', '-o', 'yaml']);
    expect(run.code).toBe(0);
    expectGolden('cli/get-extension-schematic.yaml.txt', run.stdout);
  });

  it('prints extensions as a JSON stream', async () => {
    const run = await sim(['get', 'extensionstatus', '-o', 'json']);
    expect(run.code).toBe(0);
    expectGolden('cli/get-extensions.json.txt', run.stdout);
  });

  it('boots stock nodes with --talos: no extensions, the header only', async () => {
    const run = await sim(['get', 'extensions', '--talos', 'v1.10']);
    expect(run).toEqual({ code: 0, stdout: 'NODE   NAMESPACE   TYPE   ID   VERSION   NAME   VERSION\n', stderr: '' });
  });

  it('boots the cluster of a YAML scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-scenario-'));
    writeFileSync(
      join(dir, 'two-nodes.yaml'),
      'talos: v1.14.0-alpha.1\nnodes: [10.5.0.2, 10.5.0.3]\nofficialExtensions: [siderolabs/gvisor]\n',
    );
    const run = await sim(['get', 'extensions', '--scenario', 'two-nodes.yaml'], { cwd: dir });
    rmSync(dir, { recursive: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').map((l) => l.split(/ +/).slice(0, 6).join(' '))).toEqual([
      'NODE NAMESPACE TYPE ID VERSION NAME',
      '10.5.0.2 runtime ExtensionStatus 0 1 gvisor',
      '10.5.0.2 runtime ExtensionStatus 1 1 schematic',
      '10.5.0.3 runtime ExtensionStatus 0 1 gvisor',
      '10.5.0.3 runtime ExtensionStatus 1 1 schematic',
      '',
    ]);
  });

  it('reports a broken scenario before printing anything', async () => {
    const run = await sim(['get', 'extensions', '--scenario', 'missing.yaml'], { cwd: tmpdir() });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'missing.yaml: no such file or directory\n' });
    // any name: the flag and SIM_SCENARIO name a file, never YAML text
    for (const [argv, env] of [
      [['get', 'extensions', '--scenario', 'my-cluster.yml.bak'], {}],
      [['get', 'extensions'], { SIM_SCENARIO: 'nodes: [10.0.0.1]' }],
    ] as const) {
      expect(await sim([...argv], { cwd: tmpdir(), env })).toEqual({
        code: 1,
        stdout: '',
        stderr: `${argv[3] ?? env.SIM_SCENARIO}: no such file or directory\n`,
      });
    }
  });

  it('reads the scenario from SIM_SCENARIO, refuses --talos beside a scenario, and lets flags win over the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-scenario-'));
    writeFileSync(join(dir, 's.yaml'), 'talos: v1.10\nnodes: [10.5.0.7]\n');
    const run = await sim(['get', 'ns', 'runtime'], { cwd: dir, env: { SIM_SCENARIO: 's.yaml' } });
    expect(run.stdout).toBe(
      'NODE       NAMESPACE   TYPE        ID        VERSION\n10.5.0.7   meta        Namespace   runtime   1\n',
    );
    expect(await sim(['get', 'ns', '--scenario', 's.yaml', '--talos', 'v1.11'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: '--talos and --scenario cannot be used together: set talos in the scenario\n',
    });
    // the environment gives defaults; a flag on the command line wins over them
    const stock = await sim(['get', 'ns', 'runtime', '--talos', 'v1.11'], {
      cwd: dir,
      env: { SIM_SCENARIO: 's.yaml', SIM_CLUSTER: 'nowhere' },
    });
    expect([stock.code, stock.stdout.split('\n')[1]?.split(/ +/)[0]]).toEqual([0, '172.20.0.2']);
    const scenario = await sim(['get', 'ns', 'runtime', '--scenario', 's.yaml'], {
      cwd: dir,
      env: { SIM_CLUSTER: 'nowhere' },
    });
    expect(scenario.stdout).toBe(run.stdout);
    for (const [argv, stderr] of [
      [['--talos', 'v9.9.9'], '--talos: unknown Talos version "v9.9.9"\n'],
      [['--scenario', ''], '--scenario: empty file name\n'],
      [['--cluster', ''], '--cluster: empty cluster name\n'],
      [
        ['--cluster', 'lab', '--clock', '2025-01-01T00:00:00Z'],
        '--clock sets the time a cluster boots at: this command runs against a running one\n',
      ],
    ] as const) {
      expect(await sim(['get', 'ns', ...argv], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr });
    }
    rmSync(dir, { recursive: true });
  });

  it('lists resource definitions through the same path as any resource', async () => {
    const run = await sim(['get', 'rd']);
    expect(run.code).toBe(0);
    expectGolden('cli/get-rd.txt', run.stdout);
  });

  it('prints namespaces as YAML documents separated by ---', async () => {
    const run = await sim(['get', 'namespaces', '-o', 'yaml']);
    expect(run.code).toBe(0);
    expectGolden('cli/get-namespaces.yaml.txt', run.stdout);
  });

  it('prints one RD as a JSON object with sorted keys and a numeric version', async () => {
    const run = await sim(['get', 'rd', 'namespaces.meta.cosi.dev', '-o', 'json']);
    expect(run.code).toBe(0);
    expectGolden('cli/get-rd-namespaces.json.txt', run.stdout);
  });

  it('evaluates jsonpath per resource, one result per line', async () => {
    const run = await sim(['get', 'rd', '-o', 'jsonpath={.metadata.id}']);
    expect(run.stdout).toBe(
      [
        'etcfilespecs.files.talos.dev',
        'etcfilestatuses.files.talos.dev',
        'extensionserviceconfigs.runtime.talos.dev',
        'extensionserviceconfigstatuses.runtime.talos.dev',
        'extensionstatuses.runtime.talos.dev',
        'identities.cluster.talos.dev',
        'machineconfigs.config.talos.dev',
        'namespaces.meta.cosi.dev',
        'nodeannotationspecs.k8s.talos.dev',
        'nodelabelspecs.k8s.talos.dev',
        'resourcedefinitions.meta.cosi.dev',
        'sbomitems.talos.dev',
        'services.v1alpha1.talos.dev',
        '',
      ].join('\n'),
    );
  });

  it('aligns several nodes in one table, and -n selects nodes of the scenario in the order given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-scenario-'));
    writeFileSync(join(dir, 's.yaml'), 'talos: v1.10\nnodes: [10.5.0.2, 10.5.0.3, 10.5.0.4]\n');
    const run = await sim(['get', 'ns', 'runtime', '--scenario', 's.yaml', '-n', '10.5.0.4,10.5.0.2'], { cwd: dir });
    expect(run.stdout).toBe(
      'NODE       NAMESPACE   TYPE        ID        VERSION\n' +
        '10.5.0.4   meta        Namespace   runtime   1\n' +
        '10.5.0.2   meta        Namespace   runtime   1\n',
    );
    // as talosctl's string slice: repeated, and never swallowing the arguments after it
    const repeated = await sim(['get', '--scenario', 's.yaml', '-n', '10.5.0.4', '-n', '10.5.0.2', 'ns', 'runtime'], {
      cwd: dir,
    });
    expect(repeated.stdout).toBe(run.stdout);
    // global, as in talosctl: before the command, in every spelling commander takes
    for (const before of [
      ['-n', '10.5.0.4,10.5.0.2', '--scenario', 's.yaml'],
      ['--nodes=10.5.0.4', '-n10.5.0.2', '--scenario=s.yaml'],
      ['--scenario', 's.yaml', '--nodes', '10.5.0.4', '--no-cache', '-n', '10.5.0.2'],
    ]) {
      expect(await sim([...before, 'get', 'ns', 'runtime'], { cwd: dir }), before.join(' ')).toEqual(run);
    }
    // only before a command that takes it; anything else before the command is left to commander
    expect((await sim(['-n', '10.5.0.2', 'squashfs', 'ls', 'x.sqsh'], { cwd: dir })).stderr).toBe(
      "error: unknown option '-n'\n",
    );
    expect((await sim(['-n', '10.5.0.2'], { cwd: dir })).stderr).toBe("error: unknown option '-n'\n");
    expect(await sim(['get', 'ns', '--scenario', 's.yaml', '-n', '10.5.0.9'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'node "10.5.0.9" is not in the cluster (nodes: 10.5.0.2, 10.5.0.3, 10.5.0.4)\n',
    });
    expect(await sim(['get', 'ns', '-n', ''], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: '-n/--nodes: empty node address\n',
    });
    rmSync(dir, { recursive: true });
  });

  it('prints each node as its release marshals specs and the talosctl release encodes them, in any -n order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-scenario-'));
    const description = 'A very long description line that goes on past the eighty column limit of the encoder';
    writeFileSync(
      join(dir, 's.yaml'),
      [
        'images:',
        '  - ref: example.com/t:1',
        '    inline:',
        '      manifest:',
        '        version: v1alpha1',
        `        metadata: { name: t, version: "1", author: "yes", description: "${description}" }`,
        '      files: { /usr/local/share/t: "x" }',
        'nodes:',
        '  - { address: 10.5.0.2, talos: v1.11.2, extensions: [example.com/t:1] }',
        '  - { address: 10.5.0.3, talos: v1.14.0-rc.1, extensions: [example.com/t:1] }',
        '',
      ].join('\n'),
    );
    const get = async (...args: string[]) =>
      (await sim(['get', 'extensions', '0', '-o', 'yaml', '--scenario', 's.yaml', ...args], { cwd: dir })).stdout;
    const documents = (out: string) => new Map(out.split('---\n').map((doc) => [doc.split('\n')[0], doc]));
    const both = documents(await get());
    expect(documents(await get('-n', '10.5.0.3,10.5.0.2'))).toEqual(both);
    // the YAML-1.1 word: v1.11's go-yaml (v3) double-quotes it, v1.14's (rc.6) single-quotes it
    expect(both.get('node: 10.5.0.2')).toContain('        author: "yes"\n');
    expect(both.get('node: 10.5.0.3')).toContain("        author: 'yes'\n");
    // talosctl v1.14 (the newest node's release) folds at 80 columns on both nodes; v1.11's never does
    for (const doc of both.values()) {
      expect(doc).toContain(
        '        description: A very long description line that goes on past the eighty column\n            limit of the encoder\n',
      );
    }
    const v111 = await get('--talosctl-version', 'v1.11.2');
    expect(v111).toContain(`        description: ${description}\n`);
    expect(v111).toContain('        author: "yes"\n');
    expect(v111).toContain("        author: 'yes'\n");
    rmSync(dir, { recursive: true });
  });

  it("lists the namespaces each release's machined registers", async () => {
    const ids = async (talos: string) =>
      (
        await sim([
          'get',
          'ns',
          '--talos',
          talos,
          '--talosctl-version',
          'v1.14.0-rc.1',
          '-o',
          'jsonpath={.metadata.id}',
        ])
      ).stdout
        .trim()
        .split('\n');
    const v10 = await ids('v1.0.6');
    expect(v10).toContain('runtime');
    expect(v10).not.toContain('hardware');
    expect(v10).not.toContain('etcd');
    expect(await ids('v1.1.2')).toContain('hardware');
    const v112 = await ids('v1.12.11');
    expect(v112.filter((id) => ['etcd', 'cri', 'security'].includes(id))).toEqual(['cri', 'etcd']);
    expect((await ids('v1.13.9')).filter((id) => ['security', 'storage'].includes(id))).toEqual(['security']);
    const v114 = await ids('v1.14.0-rc.1');
    expect(v114.filter((id) => ['containers', 'security', 'storage'].includes(id))).toEqual([
      'containers',
      'security',
      'storage',
    ]);
    expect(v114.length - v112.length).toBe(3);
  });

  it('refuses -o jsonpath as talosctl before v1.3.0 does: its writer knew table, yaml and json only', async () => {
    const args = ['get', 'extensions', '--talos', 'v1.2', '-o', 'jsonpath={.metadata.id}'];
    expect(await sim([...args, '--talosctl-version', 'v1.2.9'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'output format "jsonpath={.metadata.id}" is not supported\n',
    });
    expect((await sim([...args, '--talosctl-version', 'v1.3.0-alpha.0'])).code).toBe(0);
  });

  it("warns about older nodes as talosctl's ClientVersionCheck does from v1.2.0-beta.2: get, reboot and upgrade", async () => {
    const warning = 'WARNING: 172.20.0.2: server version 1.0.6 is older than client version 1.2.0-beta.2\n';
    const get = ['get', 'ns', 'runtime', '--talos', 'v1.0'];
    expect((await sim([...get, '--talosctl-version', 'v1.2.0-beta.1'])).stderr).toBe('');
    expect((await sim([...get, '--talosctl-version', 'v1.2.0-beta.2'])).stderr).toBe(warning);
    expect(await sim(['reboot', '--talos', 'v1.0', '--talosctl-version', 'v1.2.0-beta.2'])).toEqual({
      code: 0,
      stdout: '',
      stderr: warning,
    });
    expect((await sim(['reboot', '--talos', 'v1.0', '--talosctl-version', 'v1.1.2'])).stderr).toBe('');
  });

  describe('errors (stderr, exit 1)', () => {
    it.each([
      [['get', 'foo'], '', 'rpc error: code = NotFound desc = resource "foo" is not registered\n'],
      [['get', 'extensions', '-o', 'xml'], '', 'output format "xml" is not supported\n'],
      [['get', 'extensions', '-o', 'jsonpath={.a'], '', 'error parsing jsonpath: unclosed action\n'],
      // talosctl before v1.14.0-alpha.2 (the default plays v1.11.2, the node's release): raw errors in a
      // go-multierror, printed with Println; the first JSONPath error aborts
      [
        ['get', 'extensions', '5'],
        'NODE   NAMESPACE   TYPE   ID   VERSION   NAME   VERSION\n',
        "1 error occurred:\n\t* rpc error: code = NotFound desc = resource ExtensionStatuses.runtime.talos.dev(runtime/5@undefined) doesn't exist\n\n\n",
      ],
      [
        ['get', 'extensions', '--namespace', 'foo'],
        'NODE   NAMESPACE   TYPE   ID   VERSION   NAME   VERSION\n',
        '1 error occurred:\n\t* rpc error: code = PermissionDenied desc = namespace "foo" is not supported\n\n\n',
      ],
      [
        ['get', 'rd', '-o', 'jsonpath={.spec.missing}', '-n', '172.20.0.2'],
        '',
        'error finding result for jsonpath: missing is not found\n',
      ],
      // talosctl v1.14.0-alpha.2 and later: errors prefixed per node, JSONPath errors collected
      [
        ['get', 'extensions', '5', '--talosctl-version', 'v1.14.0-rc.1'],
        'NODE   NAMESPACE   TYPE   ID   VERSION   NAME   VERSION\n',
        "WARNING: 172.20.0.2: server version 1.11.2 is older than client version 1.14.0-rc.1\nerror getting resource on node 172.20.0.2: rpc error: code = NotFound desc = resource ExtensionStatuses.runtime.talos.dev(runtime/5@undefined) doesn't exist\n",
      ],
      [
        ['get', 'rd', '-o', 'jsonpath={.spec.missing}', '--talosctl-version', 'v1.14.0-rc.1'],
        '',
        'WARNING: 172.20.0.2: server version 1.11.2 is older than client version 1.14.0-rc.1\n' +
          'error finding result for jsonpath: missing is not found\n'.repeat(13),
      ],
    ])('sim %j', async (argv, stdout, stderr) => {
      const run = await sim(argv);
      expect(run).toEqual({ code: 1, stdout, stderr });
    });

    it("without arguments prints cobra's count error, a blank line and the usage", async () => {
      const run = await sim(['get']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^accepts between 1 and 2 arg\(s\), received 0\n\nUsage: sim get/);
    });

    it('refuses an unknown Talos version before printing anything', async () => {
      const run = await sim(['get', 'extensions', '--talos', 'v0.9.0']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toBe('');
    });
  });

  describe('watch', () => {
    it('prints the bootstrap rows with the * column and ends cleanly when interrupted', async () => {
      const interrupt = new AbortController();
      const running = sim(['get', 'ns', '-w'], { signal: interrupt.signal });
      await new Promise((r) => setTimeout(r, 50));
      interrupt.abort();
      const run = await running;
      expect([run.code, run.stderr]).toEqual([0, '']);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('NODE         *   NAMESPACE   TYPE        ID               VERSION');
      expect(lines[1]).toBe('172.20.0.2   +   meta        Namespace   cluster          1');
      expect(lines).toHaveLength(17);
    });

    it.each([
      ['v1.13.9', false],
      ['v1.14.0-rc.1', true],
    ])('a single-id table watch of talosctl %s prints its row before Ctrl-C: %s', async (version, early) => {
      // before v1.14.0-alpha.2 talosctl waits for a Bootstrapped event a single-id watch never sends
      let stdout = '';
      let stderr = '';
      const interrupt = new AbortController();
      const running = runCli(['get', 'ns', 'runtime', '-w', '--talosctl-version', version], {
        io: {
          stdout: (c) => {
            stdout += String(c);
            return true;
          },
          stderr: (c) => {
            stderr += c;
          },
        },
        cwd: process.cwd(),
        env: {},
        signal: interrupt.signal,
      });
      const row = /172\.20\.0\.2 +\+ +meta +Namespace +runtime +1\n$/;
      // the client's version warning comes once the node is up, just before the watch opens
      for (let waited = 0; stderr === '' && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      for (let waited = 0; !row.test(stdout) && waited < 1000; waited += 20)
        await new Promise((r) => setTimeout(r, 20));
      expect(row.test(stdout)).toBe(early);
      interrupt.abort();
      expect(await running).toBe(0);
      // the table is flushed as the program ends either way
      expect(stdout).toMatch(row);
    });
  });
});

describe('sim get timestamps', () => {
  const created = (run: { stdout: string }) => run.stdout.trim();
  const args = ['get', 'ns', 'runtime', '-o', 'jsonpath={.metadata.created}'];

  it('come from the virtual clock: the scenario default, --clock, or SOURCE_DATE_EPOCH', async () => {
    expect(created(await sim(args))).toBe('"2024-08-09T03:07:41Z"');
    expect(created(await sim([...args, '--clock', '2030-01-02T03:04:05Z']))).toBe('"2030-01-02T03:04:05Z"');
    expect(created(await sim(args, { env: { SOURCE_DATE_EPOCH: '1700000000' } }))).toBe('"2023-11-14T22:13:20Z"');
    expect(await sim([...args, '--clock', 'yesterday'])).toEqual({
      code: 1,
      stdout: '',
      stderr: '--clock: "yesterday" is not an RFC 3339 time such as 2024-08-09T03:07:41Z\n',
    });
    // each field is checked as Go's time.Parse checks it, not carried over as Date.parse does
    for (const clock of [
      '2025-02-30T00:00:00Z',
      '2025-01-01T24:00:00Z',
      '2025-01-01T00:00:60Z',
      '2025-13-01T00:00:00Z',
    ]) {
      expect((await sim([...args, '--clock', clock])).stderr).toBe(
        `--clock: "${clock}" is not an RFC 3339 time such as 2024-08-09T03:07:41Z\n`,
      );
    }
    expect(created(await sim([...args, '--clock', '2024-02-29T23:59:59+01:00']))).toBe('"2024-02-29T22:59:59Z"');
    // year 0 is a leap year, as in Go (Date.UTC would take years 0 to 99 for 1900 to 1999)
    expect((await sim([...args, '--clock', '0000-02-29T00:00:00Z'])).stderr).toBe('');
    expect((await sim(args, { env: { SOURCE_DATE_EPOCH: '8640000000001' } })).stderr).toBe(
      `SOURCE_DATE_EPOCH: "8640000000001" is not a number of seconds within a Date's range\n`,
    );
  });
});
