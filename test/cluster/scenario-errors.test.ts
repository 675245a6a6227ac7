// Every problem in a scenario is reported with the file, the line and the key, before anything is built.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isScenarioError, readScenario, type ScenarioSpec } from '../../src/index.js';
import { thrown } from '../support/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'talos-sim-scenario-errors-'));
let count = 0;

/** Writes the YAML to a fresh scenario.yaml and reads it; returns the error message. */
function fails(yaml: string): string {
  const sub = join(dir, String(count++));
  mkdirSync(sub);
  writeFileSync(join(sub, 'scenario.yaml'), yaml);
  const err = thrown(() => readScenario('scenario.yaml', { cwd: sub }));
  expect(isScenarioError(err)).toBe(true);
  return err.message;
}

const HELLO = `images:
  - ref: example.com/hello:1.0
    inline:
      manifest: { version: v1alpha1, metadata: { name: hello, version: "1.0", author: Me, description: x, compatibility: { talos: { version: ">= v1.0.0" } } } }
`;

describe('scenario errors name the file, line and key', () => {
  it.each([
    [
      'talso: v1.10\n',
      'scenario.yaml:1: talso: unknown key (known: version, clock, images, talos, extensions, officialExtensions, config, services, hold, nodes, steps)',
    ],
    ['version: v2\n', 'scenario.yaml:1: version: unknown scenario version "v2" (this release reads v1alpha1)'],
    ['nodes: []\n', 'scenario.yaml:1: nodes: a cluster needs at least one node'],
    ['nodes: 10.5.0.2\n', 'scenario.yaml:1: nodes: expected a list, got the string "10.5.0.2"'],
    [
      'nodes:\n  - address: 10.5.0.2\n  - address: 10.5.0.3\n    talos: v9.9.9\n',
      'scenario.yaml:4: nodes[1].talos: unknown Talos version "v9.9.9"',
    ],
    ['talos: v1.11.99\n', 'scenario.yaml:1: talos: unknown Talos version "v1.11.99"'],
    [
      'nodes: [1.2.3.4]\n---\nnodes: [5.6.7.8]\n',
      'scenario.yaml:2: a scenario is one YAML document: remove the second one',
    ],
    ['nodes: [!foo 1.2.3.4]\n', 'scenario.yaml:1: Unresolved tag: !foo'],
    ['nodes: [5]\n', 'scenario.yaml:1: nodes[0]: expected a mapping or an address, got number 5'],
    ['nodes: [!!timestamp 2024-01-01]\n', 'scenario.yaml:1: nodes[0]: expected a mapping or an address, got a date'],
    [
      'nodes: [10.5.0.2, 10.5.0.3, 10.5.0.2]\n',
      'scenario.yaml:1: nodes[2]: duplicate node address "10.5.0.2" (nodes[0])',
    ],
    // two spellings of one address are one node
    ['nodes: ["fd00::3", "FD00:0::3"]\n', 'scenario.yaml:1: nodes[1]: duplicate node address "FD00:0::3" (nodes[0])'],
    [
      'nodes: [node.example., Node.Example]\n',
      'scenario.yaml:1: nodes[1]: duplicate node address "Node.Example" (nodes[0])',
    ],
    [
      'nodes:\n  - address: 999.1.1.1\n',
      'scenario.yaml:2: nodes[0].address: invalid node address "999.1.1.1": not an IPv4 or IPv6 address or a DNS name',
    ],
    [
      'nodes:\n  - address: "a\\x1b[31mb"\n',
      'scenario.yaml:2: nodes[0].address: invalid node address "a\\x1b[31mb": not an IPv4 or IPv6 address or a DNS name',
    ],
    [
      'nodes:\n  - address: ""\n',
      'scenario.yaml:2: nodes[0].address: invalid node address "": a node address must not be empty',
    ],
    ['nodes:\n  - talos: v1.10\n', 'scenario.yaml:2: nodes[0].address: required'],
    [
      'nodes:\n  - address: 10.5.0.2\n    extension: [x]\n',
      'scenario.yaml:3: nodes[0].extension: unknown key (known: address, talos, extensions, officialExtensions, config, services, hold)',
    ],
    [
      'nodes:\n  - address: 10.5.0.2\n    extensions: [example.com/missing:1.0]\n',
      'scenario.yaml:3: nodes[0].extensions[0]: image "example.com/missing:1.0" is neither defined in images: nor in the catalog, nor a path',
    ],
    ['extensions: [./nowhere]\n', 'scenario.yaml:1: extensions[0]: open ./nowhere: no such file or directory'],
    [
      'images:\n  - ref: example.com/a:1\n    path: ./nope\n',
      'scenario.yaml:3: images[0].path: open ./nope: no such file or directory',
    ],
    [
      'images:\n  - ref: example.com/a:1\n    path: ./a\n    inline: { manifest: x }\n',
      'scenario.yaml:2: images[0]: an image has either path or inline',
    ],
    [
      'images:\n  - ref: "Bad Ref"\n    inline: { manifest: x }\n',
      'scenario.yaml:2: images[0].ref: invalid image reference "Bad Ref": repository name must be lowercase',
    ],
    [
      `${HELLO}  - ref: example.com/hello:1.0\n    inline: { manifest: x }\n`,
      'scenario.yaml:5: images[1].ref: duplicate image "example.com/hello:1.0" (images[0])',
    ],
    [
      `${HELLO}      files:\n        /usr/bin/x: { content: hi, mode: 0999 }\n`,
      'scenario.yaml:6: images[0].inline.files["/usr/bin/x"].mode: invalid file mode "0999": expected octal permission bits such as 0755',
    ],
    [
      `${HELLO}      files:\n        /usr/local/bin/a: x\n        /usr/local/bin/a/b: y\n`,
      'scenario.yaml:7: images[0].inline.files["/usr/local/bin/a/b"]: "/usr/local/bin/a" is given as a file, not a directory',
    ],
    [
      `${HELLO}      files:\n        /usr/local/bin: { directory: true }\n        /usr/local/bin/a: x\n        /: x\n`,
      'scenario.yaml:8: images[0].inline.files["/"]: a file path names an entry below / without empty, . or .. components (/usr/local/bin/x)',
    ],
    [
      `${HELLO}      files:\n        /usr/../etc/passwd: x\n`,
      'scenario.yaml:6: images[0].inline.files["/usr/../etc/passwd"]: a file path names an entry below / without empty, . or .. components (/usr/local/bin/x)',
    ],
    [
      `${HELLO}      files:\n        /usr/bin/x: { content: hi, mode: o755 }\n`,
      'scenario.yaml:6: images[0].inline.files["/usr/bin/x"].mode: invalid file mode "o755": expected octal permission bits such as 0755',
    ],
    [
      `${HELLO}      files:\n        usr/bin/x: hi\n`,
      'scenario.yaml:6: images[0].inline.files["usr/bin/x"]: a file path is absolute (/usr/local/bin/x)',
    ],
    [
      'clock: yesterday\n',
      'scenario.yaml:1: clock: expected an RFC 3339 time such as 2024-08-09T03:07:41Z, got "yesterday"',
    ],
    [
      'images:\n  - ref: example.com/a:1\n    path: .\n',
      'scenario.yaml:3: images[0].path: unexpected file "scenario.yaml"',
    ],
    // an image is loaded as Talos loads an extension before anything is built
    [
      'images:\n  - ref: example.com/a:1\n    inline:\n      manifest: { metadata: { name: a, version: "1" } }\n',
      'scenario.yaml:4: images[0].inline.manifest: unsupported manifest version: ""',
    ],
    [
      `${HELLO.replace('">= v1.0.0"', '">>= 1"')}`,
      'scenario.yaml:4: images[0].inline.manifest: error parsing Talos version constraint: Could not parse Range ">>=1": Could not parse comparator ">>=" in ">>=1"',
    ],
    [
      `${HELLO}      files:\n        "/usr/local/a\\0b": x\n`,
      'scenario.yaml:6: images[0].inline.files["/usr/local/a\\x00b"]: a file name is at most 256 bytes, without NUL',
    ],
    [
      `${HELLO}      files:\n        /usr/local/a: { symlink: "" }\n`,
      'scenario.yaml:6: images[0].inline.files["/usr/local/a"].symlink: a symlink target is 1 to 65535 bytes, without NUL',
    ],
    [
      'images: [{ref: example.com/x:1, path: ""}]\n',
      'scenario.yaml:1: images[0].path: expected the path of a directory, OCI layout or tarball, got ""',
    ],
    [
      'clock: 2025-02-30T00:00:00Z\n',
      'scenario.yaml:1: clock: expected an RFC 3339 time such as 2024-08-09T03:07:41Z, got "2025-02-30T00:00:00Z"',
    ],
    [
      'clock: 1e20\n',
      'scenario.yaml:1: clock: expected an RFC 3339 time such as 2024-08-09T03:07:41Z, got number 100000000000000000000',
    ],
    [
      'steps: [{advance: 10s, reboot: {}}]\n',
      'scenario.yaml:1: steps[0]: a step has exactly one of advance, upgrade, reboot, apply-config, hold, service, run',
    ],
    [
      'nodes: [1.2.3.4]\nsteps:\n  - upgrade: { node: 1.2.3.4, extensions: [ghcr.io/siderolabs/gvisor:20250707.0], officialExtensions: [siderolabs/gvisor] }\n',
      'scenario.yaml:3: steps[0].upgrade: a node is installed with officialExtensions (Image Factory) or extensions (the imager), not both',
    ],
    [
      'talos: v1.10\nnodes: [a\n',
      'scenario.yaml:3: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['talos: v1.10\ntalos: v1.11\n', 'scenario.yaml:2: duplicate key talos: a mapping has each key once'],
    [
      'nodes:\n  - { address: 10.5.0.2, "talos": v1.10, "talos": v1.11 }\n',
      'scenario.yaml:2: duplicate key "talos": a mapping has each key once',
    ],
    ['"a: b": 1\n"a: b": 2\n', 'scenario.yaml:2: duplicate key "a: b": a mapping has each key once'],
    // a bare version is a YAML number, its trailing zero gone
    [
      'talos: 1.10\n',
      'scenario.yaml:1: talos: expected a Talos version such as v1.10.0, got the number 1.10 (write it v1.10)',
    ],
    [
      'services: [tailscale]\n',
      'scenario.yaml:1: services: expected a mapping of service names to behaviours, got a list',
    ],
    [
      'nodes:\n  - address: 10.5.0.2\n    services:\n      tailscale: { failTimes: -1 }\n',
      'scenario.yaml:4: nodes[0].services.tailscale.failTimes: expected a whole number from 0 to 1000000, got number -1',
    ],
    [
      'services:\n  tailscale: { runFor: soon }\n',
      'scenario.yaml:2: services.tailscale.runFor: invalid duration "soon": expected a Go duration such as 1m30s',
    ],
    [
      'services:\n  tailscale: { restart: always }\n',
      'scenario.yaml:2: services.tailscale.restart: unknown key (known: logs, failTimes, failExitCode, runFor, exitCode, waitForPath, stopLogs, ignoreSigterm)',
    ],
    [
      'services:\n  "tail scale": { logs: [x] }\n',
      'scenario.yaml:2: services["tail scale"]: "tail scale" is not a service name (hello-world) or id (ext-hello-world)',
    ],
    [
      'services:\n  tailscale: { exitCode: 1 }\n  ext-tailscale: { exitCode: 2 }\n',
      'scenario.yaml:3: services.ext-tailscale: service "tailscale" is given twice, by name and as "ext-tailscale"',
    ],
    [
      'services:\n  tailscale: { waitForPath: var/ready }\n',
      'scenario.yaml:2: services.tailscale.waitForPath: "var/ready" is not an absolute path on the node',
    ],
    [
      'hold: { network: yes please }\n',
      'scenario.yaml:1: hold.network: expected true or false, got the string "yes please"',
    ],
    [
      'nodes: [10.5.0.2]\nsteps: [{service: {node: 10.5.0.2, id: ext-x, action: kill}}]\n',
      'scenario.yaml:2: steps[0].service.action: unknown action "kill" (known: start, stop, restart)',
    ],
    [
      'nodes: [10.5.0.2]\nsteps: [{hold: {node: 10.5.0.2}}]\n',
      'scenario.yaml:2: steps[0].hold: a hold step names network, time or both',
    ],
    [
      'nodes: [10.5.0.2]\nsteps: [{service: {node: 10.5.0.9, id: ext-x, action: stop}}]\n',
      'scenario.yaml:2: steps[0].service.node: node "10.5.0.9" is not in the scenario',
    ],
    // a command that follows until Ctrl-C would never end its step
    [
      'nodes: [10.5.0.2]\nsteps:\n  - run: get es -w\n',
      'scenario.yaml:3: steps[0].run: get -w runs until interrupted: a step must end by itself',
    ],
    [
      'nodes: [10.5.0.2]\nsteps:\n  - run: sim -n 10.5.0.2 logs machined --follow=true\n',
      'scenario.yaml:3: steps[0].run: logs --follow=true runs until interrupted: a step must end by itself',
    ],
    [
      'nodes: [10.5.0.2]\nsteps:\n  - run: dmesg -f\n',
      'scenario.yaml:3: steps[0].run: dmesg -f runs until interrupted: a step must end by itself',
    ],
    // an upgrade step's official extensions, on the release the node has by then
    [
      'talos: v1.13.9\nnodes: [1.2.3.4]\nsteps:\n  - upgrade: { node: 1.2.3.4, officialExtensions: [siderolabs/nope] }\n',
      'scenario.yaml:4: steps[0].upgrade.officialExtensions[0]: official extension "siderolabs/nope" is not available for Talos version v1.13.9',
    ],
    [
      'talos: v1.13.9\nnodes: [1.2.3.4]\nsteps:\n  - upgrade: { node: 1.2.3.4, talos: v1.1.2 }\n  - upgrade: { node: 1.2.3.4, officialExtensions: [siderolabs/gvisor] }\n',
      'scenario.yaml:5: steps[1].upgrade.officialExtensions: Image Factory serves Talos v1.2.0 and later: install extensions on Talos v1.1.2 through .machine.install.extensions of the machine config',
    ],
    // a top-level default one node of the list cannot take names that node
    [
      'extensions: [ghcr.io/siderolabs/gvisor:20250707.0]\nnodes:\n  - 10.5.0.2\n  - { address: 10.5.0.3, officialExtensions: [siderolabs/gvisor] }\n',
      'scenario.yaml:1: extensions: a node is installed with officialExtensions (Image Factory) or extensions (the imager), not both (for node 10.5.0.3)',
    ],
    // Image Factory builds with its own imager, but serves nothing before v1.2 (its MinTalosVersion)
    [
      'talos: v1.1.2\nofficialExtensions: [siderolabs/gvisor]\n',
      'scenario.yaml:2: officialExtensions: Image Factory serves Talos v1.2.0 and later: install extensions on Talos v1.1.2 through .machine.install.extensions of the machine config',
    ],
    // Image Factory's answer, before anything is built: at the name it refuses
    [
      'talos: v1.13.9\nnodes:\n  - address: 1.2.3.4\n    officialExtensions: [siderolabs/gvisor, siderolabs/nope]\n',
      'scenario.yaml:4: nodes[0].officialExtensions[1]: official extension "siderolabs/nope" is not available for Talos version v1.13.9',
    ],
    [
      'talos: v1.13.9\nextensions: [ghcr.io/siderolabs/gvisor:20250707.0]\nofficialExtensions: [siderolabs/gvisor]\n',
      'scenario.yaml:2: extensions: a node is installed with officialExtensions (Image Factory) or extensions (the imager), not both',
    ],
    [
      'talos: v1.12\nextensions: [ghcr.io/siderolabs/gvisor:20250707.0]\nconfig: |\n  version: v1alpha1\n  machine: { install: { extensions: [{ image: ghcr.io/siderolabs/gvisor:20250707.0 }] } }\n',
      'scenario.yaml:3: config: Talos v1.12.11 ignores .machine.install.extensions (removed in v1.10.0): give extensions or officialExtensions, and a machine config without them',
    ],
    // alone too: a real v1.12 node boots without them, which is never what a scenario that names them means
    [
      'talos: v1.12.0\nconfig: |\n  version: v1alpha1\n  machine: { install: { extensions: [{ image: ghcr.io/siderolabs/gvisor:20250707.0 }] } }\n',
      'scenario.yaml:2: config: Talos v1.12.0 ignores .machine.install.extensions (removed in v1.10.0): give extensions or officialExtensions, and a machine config without them',
    ],
    [
      'talos: v1.9\nextensions: [ghcr.io/siderolabs/gvisor:20250707.0]\nconfig: |\n  machine: { install: { extensions: [{ image: ghcr.io/siderolabs/gvisor:20250707.0 }] } }\n',
      "scenario.yaml:3: config: Talos v1.9.6's installer replaces the boot asset's extensions with .machine.install.extensions: give the extensions one way, not both",
    ],
    [
      'talos: v1.4\nextensions: [ghcr.io/siderolabs/gvisor:20250707.0]\n',
      'scenario.yaml:2: extensions: Talos v1.4.8 predates the imager (v1.5.0): install extensions through .machine.install.extensions of the machine config',
    ],
    [
      'talos: v1.9\nconfig: |\n  version: v1alpha1\n  machine: { install: { extensions: [{ image: example.com/nope:1 }] } }\n',
      'scenario.yaml:2: config: .machine.install.extensions[0]: image "example.com/nope:1" is not in images: nor in the catalog',
    ],
  ])('%j', (yaml, message) => {
    expect(fails(yaml)).toBe(message);
  });

  it('takes a __proto__ key for what it is, an unknown key, wherever it appears', () => {
    expect(fails('__proto__: { talos: v1.3.0 }\nnodes: [1.2.3.4]\n')).toMatch(
      /^scenario\.yaml:1: __proto__: unknown key \(known: /,
    );
    expect(fails('nodes:\n  - address: 1.2.3.4\n    __proto__: { talos: v1.10 }\n')).toMatch(
      /^scenario\.yaml:3: nodes\[0\]\.__proto__: unknown key \(known: /,
    );
    // nor is anything read through the prototype: a key named like an Object method is not there
    expect(fails('nodes:\n  - address: 1.2.3.4\n    toString: x\n')).toMatch(/nodes\[0\]\.toString: unknown key/);
  });

  it('checks an upgrade step only on a release it knows: a run: step may have upgraded the node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-steps-'));
    writeFileSync(
      join(dir, 's.yaml'),
      'talos: v1.3.0\nnodes: [10.5.0.2]\nsteps:\n  - run: sim upgrade -n 10.5.0.2 --talos-version v1.13.9\n  - upgrade: { node: 10.5.0.2, officialExtensions: [siderolabs/gvisor] }\n',
    );
    expect(readScenario('s.yaml', { cwd: dir }).plan.steps.map((s) => s.kind)).toEqual(['run', 'upgrade']);
  });

  it('takes one trailing slash on an inline entry, as a directory may be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-slash-'));
    writeFileSync(
      join(dir, 's.yaml'),
      `${HELLO}      files:\n        /usr/local/share/empty/: { directory: true }\n        /usr/local/share/empty/x: x\n`,
    );
    expect(readScenario('s.yaml', { cwd: dir }).plan.images.map((i) => i.ref)).toEqual(['example.com/hello:1.0']);
    expect(fails(`${HELLO}      files:\n        /usr/local/share//x: x\n`)).toMatch(
      /without empty, \. or \.\. components/,
    );
    expect(fails(`${HELLO}      files:\n        /usr/local/bin/a/: x\n`)).toBe(
      'scenario.yaml:6: images[0].inline.files["/usr/local/bin/a/"]: a path ending in / is a directory: give it { directory: true }, or drop the /',
    );
    expect(fails(`${HELLO}      files:\n        /usr/local/lib/a.so: { symlink: a.so.1, mode: 0644 }\n`)).toBe(
      'scenario.yaml:6: images[0].inline.files["/usr/local/lib/a.so"].mode: a symlink has no mode of its own (it is always 0777)',
    );
  });

  it('reads a scenario object from code with what it inherits, as JavaScript reads it', () => {
    const inherited = Object.assign(Object.create({ talos: 'v1.10' }) as object, { nodes: ['10.5.0.2'] });
    const getters = new (class {
      get nodes() {
        return ['10.5.0.3'];
      }
    })();
    expect(readScenario(inherited as ScenarioSpec).plan.nodes.map((n) => [n.address, n.install.talosVersion])).toEqual([
      ['10.5.0.2', 'v1.10.9'],
    ]);
    expect(readScenario(getters as ScenarioSpec).plan.nodes.map((n) => n.address)).toEqual(['10.5.0.3']);
  });

  it('reads empty text as an empty scenario, every default, never as the working directory', () => {
    for (const text of ['', '   ', '\n']) {
      expect(readScenario(text, { cwd: dir }).plan.nodes.map((n) => n.address)).toEqual(['172.20.0.2']);
    }
  });

  it('keeps hostile values out of its messages: no huge echoes, no exhausted stack', () => {
    const long = 'x'.repeat(200_000);
    expect(fails(`clock: "${long}"\nnodes: [1.2.3.4]\n`)).toBe(
      `scenario.yaml:1: clock: expected an RFC 3339 time such as 2024-08-09T03:07:41Z, got "${'x'.repeat(100)}… (200000 characters)"`,
    );
    expect(fails('nodes: ["fe80::1%eth0", "FE80::1%eth0"]\n')).toBe(
      'scenario.yaml:1: nodes[1]: duplicate node address "FE80::1%eth0" (nodes[0])',
    );
    const zone = `fe80::1%${'z'.repeat(1000)}`;
    expect(fails(`nodes: ["${zone}", "${zone}"]\n`)).toBe(
      `scenario.yaml:1: nodes[1]: duplicate node address "${zone.slice(0, 100)}… (1008 characters)" (nodes[0])`,
    );
    expect(fails(`talos: v1.13.9\nofficialExtensions: [siderolabs/${long}]\nnodes: [1.2.3.4]\n`)).toBe(
      `scenario.yaml:2: officialExtensions[0]: official extension "${`siderolabs/${long}`.slice(0, 100)}… (200011 characters)" is not available for Talos version v1.13.9 (for node 1.2.3.4)`,
    );
    expect(fails(`nodes: [${long}]\n`)).toBe(
      `scenario.yaml:1: nodes[0]: invalid node address "${'x'.repeat(100)}… (200000 characters)": not an IPv4 or IPv6 address or a DNS name`,
    );
    expect(fails(`${'k'.repeat(500)}: 1\n`)).toMatch(
      /^scenario\.yaml:1: \["k{100}… \(500 characters\)"\]: unknown key/,
    );
    for (const depth of [100, 20_000]) {
      expect(fails(`nodes: [1.2.3.4]\nsteps: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)).toMatch(
        /^scenario\.yaml:(2: )?.*values nested more than 64 levels deep$/,
      );
    }
  });

  it('loads an extension given by path where the scenario gives it, as an image of images: is', () => {
    const sub = join(dir, String(count++));
    mkdirSync(join(sub, 'bad', 'rootfs'), { recursive: true });
    writeFileSync(join(sub, 'bad', 'manifest.yaml'), 'version: v1alpha1\nmetadata: [\n');
    const broken =
      'go-yaml load error in parser at L3.C1: Flow sequence in block collection must be sufficiently indented and end with a ]';
    const read = (yaml: string) => {
      writeFileSync(join(sub, 'scenario.yaml'), yaml);
      return thrown(() => readScenario('scenario.yaml', { cwd: sub })).message;
    };
    expect(read('nodes:\n  - address: 10.5.0.2\n    extensions: [./bad]\n')).toBe(
      `scenario.yaml:3: nodes[0].extensions[0]: ${broken}`,
    );
    expect(read('nodes: [10.5.0.2]\nsteps:\n  - upgrade: { node: 10.5.0.2, extensions: [./bad] }\n')).toBe(
      `scenario.yaml:3: steps[0].upgrade.extensions[0]: ${broken}`,
    );
  });

  it('refuses more nodes than one process can hold, before booting any', () => {
    const addresses = (n: number) => Array.from({ length: n }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(fails(`nodes: [${addresses(10_001).join(', ')}]\n`)).toBe(
      'scenario.yaml:1: nodes: a cluster has at most 10000 nodes, got 10001',
    );
    const { plan } = readScenario({ nodes: addresses(10_000) });
    expect(plan.nodes).toHaveLength(10_000);
  });

  it('reports a missing file by its name', () => {
    expect(thrown(() => readScenario('missing.yaml', { cwd: dir })).message).toBe(
      'missing.yaml: no such file or directory',
    );
  });

  it('checks scenario objects the same way, naming the key', () => {
    const bad = { nodes: [{ address: '10.5.0.2', talos: 'v1.10' }, { address: '10.5.0.2' }] } as ScenarioSpec;
    expect(thrown(() => readScenario(bad)).message).toBe(
      'nodes[1].address: duplicate node address "10.5.0.2" (nodes[0])',
    );
  });

  it('reads a file mode as octal however it is written', () => {
    const modes = ['0755', '"0755"', '0o755', '755'];
    for (const mode of modes) {
      const { plan } = readScenario(
        `${HELLO}      files:\n        /usr/bin/x: { content: hi, mode: ${mode} }\nextensions: [example.com/hello:1.0]\n`,
      );
      expect(plan.images[0]?.image.lookup('rootfs/usr/bin/x')?.mode).toBe(0o755);
    }
  });
});
