// Tests that check talos-sim against real tools ("oracles": mksquashfs, unsquashfs, getfattr, the kernel's
// overlayfs) need those tools. On a machine without them such tests are skipped, and the run says once what to
// install; CI sets TALOS_SIM_REQUIRE_ORACLES=1, which turns a missing oracle into a failure, so CI always runs them.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

export type OracleTool = 'mksquashfs' | 'unsquashfs' | 'getfattr' | 'setfattr';

/** The Debian package of each tool. */
const PACKAGE: Readonly<Record<OracleTool, string>> = {
  mksquashfs: 'squashfs-tools',
  unsquashfs: 'squashfs-tools',
  getfattr: 'attr',
  setfattr: 'attr',
};

/** What the squashfs fixture images are built and checked with (test/fixtures/squashfs/global-setup.ts). */
export const FIXTURE_ORACLES: readonly OracleTool[] = ['mksquashfs', 'unsquashfs', 'getfattr', 'setfattr'];

export const REQUIRE_ORACLES_VARIABLE = 'TALOS_SIM_REQUIRE_ORACLES';

/** True when a missing oracle must fail the run instead of skipping its tests (CI). */
export function oraclesRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env[REQUIRE_ORACLES_VARIABLE];
  return v !== undefined && v !== '' && v !== '0';
}

/** Is `command` an executable file in one of PATH's directories (as a shell would find it)? */
export function onPath(command: string, path: string = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

const found = new Map<OracleTool, boolean>();

export function missingOracles(tools: readonly OracleTool[]): OracleTool[] {
  return tools.filter((t) => {
    let ok = found.get(t);
    if (ok === undefined) {
      ok = onPath(t);
      found.set(t, ok);
    }
    return !ok;
  });
}

/** "needs mksquashfs, getfattr: apt-get install squashfs-tools attr", or undefined when every tool is there. */
export function missingOraclesNote(tools: readonly OracleTool[]): string | undefined {
  const missing = missingOracles(tools);
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map((t) => PACKAGE[t]))];
  return `needs ${missing.join(', ')}: apt-get install ${packages.join(' ')}`;
}

/**
 * undefined when the oracle is available; otherwise the note to skip with. When oracles are required (CI), a missing
 * one throws instead, which fails the test file at collection with the note.
 */
function skipNote(note: string | undefined): string | undefined {
  if (note !== undefined && oraclesRequired()) {
    throw new Error(`${note} (${REQUIRE_ORACLES_VARIABLE} is set, so tests that need it may not be skipped)`);
  }
  return note;
}

export type OracleDescribe = ReturnType<typeof describe.skipIf>;
export type OracleIt = ReturnType<typeof it.skipIf>;

/** `describe` where the tools exist, `describe.skip` where they do not (a failure when oracles are required). */
export function describeWithOracles(tools: readonly OracleTool[]): OracleDescribe {
  return describe.skipIf(skipNote(missingOraclesNote(tools)) !== undefined);
}

/** `it` where the tools exist, `it.skip` where they do not (a failure when oracles are required). */
export function itWithOracles(tools: readonly OracleTool[]): OracleIt {
  return it.skipIf(skipNote(missingOraclesNote(tools)) !== undefined);
}

/**
 * For oracles probed by the test itself (can this machine mount an overlay?): true when the tests may run, false
 * when they are to be skipped; throws when oracles are required and this one is unavailable.
 */
export function oracleAvailable(available: boolean, unavailableNote: string): boolean {
  return skipNote(available ? undefined : unavailableNote) === undefined;
}
