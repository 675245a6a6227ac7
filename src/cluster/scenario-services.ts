// What a scenario says about a node's services: a declarative behaviour per service (what its task does when it
// runs) and readiness held back from boot on.
//
//   nodes:
//     - address: 172.20.0.2
//       hold: { network: true }                 # services waiting for the network stay Waiting until released
//       services:
//         tailscale:                            # a service name, or its id (ext-tailscale)
//           logs: ["tailscaled starting"]
//           failTimes: 2                        # the first two runs fail…
//           failExitCode: 3                     # …with this exit code (default 1)
//           runFor: 5s                          # a run ends by itself after this long (default: until stopped)
//           exitCode: 0                         # what a run that ends by itself exits with
//           waitForPath: /var/lib/tailscale/ok  # a successful run first waits for this path (polled every second)
//           stopLogs: ["shutting down"]         # logged when SIGTERM arrives
//           ignoreSigterm: true                 # so the supervisor SIGKILLs it after 10 s
import { goQuote, parseGoDuration } from '../gofmt/index.js';
import type { NodeServicesOptions } from '../node/index.js';
import type { DeclarativeBehaviour } from '../services/index.js';
import type { ValuePath } from './located-yaml.js';
import type { ScenarioErrorDetail } from './scenario-error.js';
import { describe, formatPath, type ScenarioReader } from './scenario-reader.js';

/** Readiness held back at boot (true: held). */
export interface PlannedHold {
  readonly network?: boolean;
  readonly time?: boolean;
}

/** A service name or id: Talos only requires one, but it names a file, so no slash or space can be in it. */
const SERVICE_NAME = /^[^\s/]+$/;

const BEHAVIOUR_KEYS = [
  'logs',
  'failTimes',
  'failExitCode',
  'runFor',
  'exitCode',
  'waitForPath',
  'stopLogs',
  'ignoreSigterm',
];

/** Where a scenario gives something: what a ScenarioError about it names. */
export type ScenarioPlace = Pick<ScenarioErrorDetail, 'file' | 'line' | 'key'>;

/** `services:` of a node: behaviours by service name or id, and where each is given. */
export function readServiceBehaviours(
  r: ScenarioReader,
  path: ValuePath,
): (NodeServicesOptions & { readonly places: Readonly<Record<string, ScenarioPlace>> }) | undefined {
  const raw = r.at(path);
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date) {
    r.fail(path, `expected a mapping of service names to behaviours, got ${describe(raw)}`);
  }
  const behaviours: Record<string, DeclarativeBehaviour> = {};
  const places: Record<string, ScenarioPlace> = {};
  const given = new Set(Object.keys(raw));
  for (const name of Object.keys(raw)) {
    if (!SERVICE_NAME.test(name)) {
      r.fail([...path, name], `${goQuote(name)} is not a service name (hello-world) or id (ext-hello-world)`);
    }
    // a service given both ways would leave one of the two behaviours unused
    if (name.startsWith('ext-') && given.has(name.slice('ext-'.length))) {
      r.fail(
        [...path, name],
        `service ${goQuote(name.slice('ext-'.length))} is given twice, by name and as ${goQuote(name)}`,
      );
    }
    behaviours[name] = readBehaviour(r, [...path, name]);
    places[name] = { file: r.file, line: r.line([...path, name]), key: formatPath([...path, name]) };
  }
  return { behaviours, places };
}

function readBehaviour(r: ScenarioReader, path: ValuePath): DeclarativeBehaviour {
  r.mapping(path, BEHAVIOUR_KEYS);
  const count = (key: string, max: number): number | undefined => {
    const value = r.at([...path, key]);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      r.fail([...path, key], `expected a whole number from 0 to ${max}, got ${describe(value)}`);
    }
    return value;
  };
  const flag = r.boolean([...path, 'ignoreSigterm']);
  const runFor = r.string([...path, 'runFor']);
  let runForMs: number | undefined;
  if (runFor !== undefined) {
    runForMs = parseGoDuration(runFor);
    if (runForMs === undefined || runForMs < 0) {
      r.fail([...path, 'runFor'], `invalid duration ${goQuote(runFor)}: expected a Go duration such as 1m30s`);
    }
  }
  const waitForPath = r.string([...path, 'waitForPath']);
  if (waitForPath !== undefined && !waitForPath.startsWith('/')) {
    r.fail([...path, 'waitForPath'], `${goQuote(waitForPath)} is not an absolute path on the node`);
  }
  const fields: { [K in keyof DeclarativeBehaviour]-?: DeclarativeBehaviour[K] | undefined } = {
    logs: r.strings([...path, 'logs']),
    failTimes: count('failTimes', 1_000_000),
    failExitCode: count('failExitCode', 255),
    runFor: runForMs,
    exitCode: count('exitCode', 255),
    waitForPath,
    stopLogs: r.strings([...path, 'stopLogs']),
    ignoreSigterm: flag,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as DeclarativeBehaviour;
}

/** `hold:` of a node: `{ network: true, time: true }`. */
export function readHold(r: ScenarioReader, path: ValuePath): PlannedHold | undefined {
  if (r.mapping(path, ['network', 'time']) === undefined) return undefined;
  const network = r.boolean([...path, 'network']);
  const time = r.boolean([...path, 'time']);
  return { ...(network === undefined ? {} : { network }), ...(time === undefined ? {} : { time }) };
}
