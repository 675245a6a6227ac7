// Access to the fixture images built by test/fixtures/squashfs/global-setup.ts. Tests that need
// them are declared with describeWithFixtures/itWithFixtures: skipped where squashfs-tools or attr
// is missing (a failure under TALOS_SIM_REQUIRE_ORACLES=1); any other build failure fails them.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inject } from 'vitest';
import {
  describeWithOracles,
  FIXTURE_ORACLES,
  itWithOracles,
  type OracleDescribe,
  type OracleIt,
} from '../support/oracles.js';

/** `describe` for tests that read the fixture images (or check against the tools that built them). */
export const describeWithFixtures: OracleDescribe = describeWithOracles(FIXTURE_ORACLES);
/** `it` for such tests inside a block that otherwise runs everywhere. */
export const itWithFixtures: OracleIt = itWithOracles(FIXTURE_ORACLES);

/** False where the fixture images could not be built for lack of tools (their tests are skipped). */
export function fixturesAvailable(): boolean {
  return inject('squashfsFixtures').missing === undefined;
}

export function fixturesDir(): string {
  const f = inject('squashfsFixtures');
  // tests that need the images are skipped then, but may name paths in them while being collected
  if (f.missing !== undefined) return '/nonexistent/squashfs-fixtures';
  if (f.dir === undefined) throw new Error(f.error ?? 'squashfs fixtures were not built');
  return f.dir;
}

export function imagePath(name: string): string {
  return join(fixturesDir(), 'img', `${name}.sqsh`);
}

export function seedPath(name: string): string {
  return join(fixturesDir(), 'seeds', `${name}.sqsh`);
}

export function expectedListing(name: string): string {
  return readFileSync(join(fixturesDir(), 'expected', `${name}.ls`), 'utf8');
}

/** sha256 of every regular file of the source tree, keyed by image path ("/etc/hello.txt"). */
export function expectedSha256(): Map<string, string> {
  const text = readFileSync(join(fixturesDir(), 'expected', 'tree.sha256'), 'utf8');
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    out.set(line.slice(66).replace(/^\.\//, '/'), line.slice(0, 64));
  }
  return out;
}

/** `getfattr -R -d -m - -h -e hex` of the source tree: path → (name → hex value). */
export function expectedXattrs(): Map<string, Map<string, string>> {
  const text = readFileSync(join(fixturesDir(), 'expected', 'xattrs.getfattr'), 'utf8');
  const out = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('# file: ')) {
      current = new Map();
      out.set(`/${line.slice(8).replace(/^\.\//, '')}`, current);
    } else if (current !== undefined && line.includes('=')) {
      const eq = line.indexOf('=');
      current.set(line.slice(0, eq), line.slice(eq + 1));
    }
  }
  return out;
}

/** sha256 of every regular file under `dir` (a source tree, or an extraction), keyed by image path. */
export function sha256OfTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.set(`/${relative(dir, p)}`, createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}
