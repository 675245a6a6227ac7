// `sim scenario run`: one line per step, a unified diff under a failed expectation, exit status 1 at the first
// failure (later steps do not run); expectations by exact text, file or pattern.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim } from '../support/run-sim.js';

function scenario(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'talos-sim-run-'));
  writeFileSync(join(dir, 's.yaml'), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const HEADER = 'NODE       NAMESPACE   TYPE        ID        VERSION\n';

describe('sim scenario run', () => {
  it('prints each step and its result, and a summary', async () => {
    const dir = scenario(
      `nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - advance: 10s\n  - run: get ns runtime\n    expect:\n      stdout: { file: ns.txt }\n  - reboot: { node: 10.5.0.2 }\n  - run: get ns runtime -o jsonpath='{.metadata.created}'\n    expect:\n      stdout: { pattern: '^"2024-08-09T03:07:51Z"$' }\n`,
      { 'ns.txt': `${HEADER}10.5.0.2   meta        Namespace   runtime   1\n` },
    );
    expect(await sim(['scenario', 'run', 's.yaml'], { cwd: dir })).toEqual({
      code: 0,
      stdout: [
        'step 1 (s.yaml:4): advance 10s: ok',
        'step 2 (s.yaml:5): run: sim get ns runtime: ok',
        'step 3 (s.yaml:8): reboot 10.5.0.2: ok',
        "step 4 (s.yaml:9): run: sim get ns runtime -o jsonpath='{.metadata.created}': ok",
        's.yaml: 4 steps passed',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('runs a file whatever its name holds, a newline included', async () => {
    const dir = scenario('nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - advance: 1s\n', {});
    writeFileSync(join(dir, 'two\nlines.yaml'), 'nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - advance: 1s\n');
    const run = await sim(['scenario', 'run', 'two\nlines.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.endsWith('two\nlines.yaml: 1 step passed\n')).toBe(true);
  });

  it('runs a file, never YAML text: a missing one is reported by its name', async () => {
    for (const name of ['my-scenario', 'nodes: [10.0.0.1]']) {
      expect(await sim(['scenario', 'run', name], { cwd: tmpdir() })).toEqual({
        code: 1,
        stdout: '',
        stderr: `${name}: no such file or directory\n`,
      });
    }
  });

  it('stops at the first failed expectation with a unified diff, exit 1', async () => {
    const dir = scenario(
      `nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - run: get ns runtime\n    expect:\n      stdout: |\n        ${HEADER}        10.5.0.9   meta        Namespace   runtime   1\n  - advance: 1s\n`,
    );
    expect(await sim(['scenario', 'run', 's.yaml'], { cwd: dir })).toEqual({
      code: 1,
      stdout: [
        'step 1 (s.yaml:4): run: sim get ns runtime: FAILED',
        '    --- expected stdout',
        '    +++ actual stdout',
        '    @@ -1,2 +1,2 @@',
        '     NODE       NAMESPACE   TYPE        ID        VERSION',
        '    -10.5.0.9   meta        Namespace   runtime   1',
        '    +10.5.0.2   meta        Namespace   runtime   1',
        '',
      ].join('\n'),
      stderr: 's.yaml: step 1 failed (0 passed before it)\n',
    });
  });

  it('expects exit status 0 unless told otherwise, and reports a failing step', async () => {
    const dir = scenario(`nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - run: get nosuchtype\n  - advance: 1s\n`);
    const run = await sim(['scenario', 'run', 's.yaml'], { cwd: dir });
    expect(run.stdout).toBe(
      'step 1 (s.yaml:4): run: sim get nosuchtype: FAILED\n    exit code 1, expected 0\n    stderr was:\n    rpc error: code = NotFound desc = resource "nosuchtype" is not registered\n',
    );
    // an extension whose constraint the new release does not meet: the imager refuses, the upgrade fails
    const ext = join(import.meta.dirname, '../../scenarios/extensions/needs-talos-1.10');
    const upgrade = scenario(
      `nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - upgrade: { node: 10.5.0.2, talos: v1.9, extensions: [${ext}] }\n`,
    );
    expect(await sim(['scenario', 'run', 's.yaml'], { cwd: upgrade })).toEqual({
      code: 1,
      stdout:
        'step 1 (s.yaml:4): upgrade 10.5.0.2 to v1.9: FAILED\n    error validating extension "needs-talos": version constraint >= v1.10.0 can\'t be satisfied with Talos version 1.9.6\n',
      stderr: 's.yaml: step 1 failed (0 passed before it)\n',
    });
  });

  it('fails a step that would follow until interrupted, however it is spelled, instead of hanging', async () => {
    const dir = scenario(`nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n  - run: g ns -wo yaml\n`);
    expect(await sim(['scenario', 'run', 's.yaml'], { cwd: dir })).toEqual({
      code: 1,
      stdout:
        'step 1 (s.yaml:4): run: sim g ns -wo yaml: FAILED\n    exit code 1, expected 0\n    stderr was:\n    get -w runs until interrupted: a step must end by itself\n',
      stderr: 's.yaml: step 1 failed (0 passed before it)\n',
    });
  });

  it('refuses steps it does not know, nodes not in the scenario and unreadable expectation files', async () => {
    for (const [yaml, message] of [
      [
        '  - wait: 10s\n',
        's.yaml:4: steps[0].wait: unknown key (known: advance, upgrade, reboot, apply-config, hold, service, run, expect)',
      ],
      ['  - reboot: { node: 10.5.0.7 }\n', 's.yaml:4: steps[0].reboot.node: node "10.5.0.7" is not in the scenario'],
      [
        '  - run: get ns\n    expect: { stdout: { file: missing.txt } }\n',
        's.yaml:5: steps[0].expect.stdout.file: cannot read "missing.txt": no such file or directory',
      ],
      ["  - run: get 'ns\n", 's.yaml:4: steps[0].run: unterminated single quote'],
      [
        '  - run: get ns\n    expect:\n      stdout:\n',
        's.yaml:6: steps[0].expect.stdout: expected the text (`""` for none), or a mapping with file or pattern',
      ],
      [
        '  - advance: soon\n',
        's.yaml:4: steps[0].advance: invalid duration "soon": expected a Go duration such as 1m30s',
      ],
    ] as const) {
      const dir = scenario(`nodes: [10.5.0.2]\ntalos: v1.10\nsteps:\n${yaml}`);
      expect(await sim(['scenario', 'run', 's.yaml'], { cwd: dir })).toEqual({
        code: 1,
        stdout: '',
        stderr: `${message}\n`,
      });
    }
  });

  it('fails a run whose service behaviours name a service the node never had, where the name is given', async () => {
    const examples = join(import.meta.dirname, '..', '..', 'scenarios', 'extensions');
    const yaml = (services: string, steps: string) =>
      `images:\n  - { ref: example.com/hello:1.0, path: ${join(examples, 'hello-world-service')} }\n` +
      `nodes:\n  - address: 10.5.0.2\n    talos: v1.13.9\n    extensions: []\n    services:\n${services}` +
      `steps:\n${steps}`;
    const behaviour = '{ logs: [hi] }';
    // hello-world arrives with an upgrade: its behaviour, checked first, is no misspelling
    const upgrade = '  - upgrade: { node: 10.5.0.2, extensions: [example.com/hello:1.0] }\n';
    const misspelt = await sim(['scenario', 'run', 's.yaml'], {
      cwd: scenario(yaml(`      hello-world: ${behaviour}\n      ext-helo-world: ${behaviour}\n`, upgrade)),
    });
    expect(misspelt).toEqual({
      code: 1,
      stdout: 'step 1 (s.yaml:11): upgrade 10.5.0.2: ok\n',
      stderr:
        's.yaml:9: nodes[0].services.ext-helo-world: no extension service "ext-helo-world" ran on node 10.5.0.2 (its extension services: ext-hello-world)\n',
    });
    const never = await sim(['scenario', 'run', 's.yaml'], {
      cwd: scenario(yaml(`      hello-world: ${behaviour}\n`, '  - advance: 1s\n')),
    });
    expect([never.code, never.stderr]).toEqual([
      1,
      's.yaml:8: nodes[0].services.hello-world: no extension service "hello-world" ran on node 10.5.0.2 (its extension services: none)\n',
    ]);
  });
});
