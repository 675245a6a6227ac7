// vitest globalSetup: bundles the `sim` executable once per run (scripts/build-cli.ts) for the files that run it as a
// child process, instead of once per file (about a second of esbuild each). The files only read the bundle (a test
// that needs a changed copy copies it); it is removed when the run ends.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildCli } from '../../scripts/build-cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled executable (dist-like sim.js) of this run. */
    simBin: string;
  }
}

const repo = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => void> {
  const out = join('node_modules', '.cache', 'talos-sim', `cli-run-${process.pid}`);
  project.provide('simBin', await buildCli(out));
  return () => rmSync(join(repo, out), { recursive: true, force: true });
}
