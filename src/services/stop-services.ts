// Stopping services as system.singleton.stopServices does: optionally expand the set with every service that
// depends on one being stopped, stop each after its reverse dependencies are down (giving up after 30 s with
// machined's log line), then wait until every stopped service is down.
import type { Clock, Logger } from '../cosi/index.js';
import { goQuote } from '../gofmt/index.js';
import { ABANDONED } from './abortable.js';
import { HostService } from './host-service.js';
import type { ServiceRunner } from './service-runner.js';

/** How long a stop waits for the services depending on one before stopping it anyway. */
export const REVERSE_DEPENDENCY_TIMEOUT_MS = 30_000;

export interface StopEnvironment {
  readonly runners: ReadonlyMap<string, ServiceRunner>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export async function stopServices(
  env: StopEnvironment,
  ids: readonly string[],
  withReverseDependencies: boolean,
): Promise<void> {
  const toStop = new Map<string, ServiceRunner>();
  for (const id of ids) {
    const r = env.runners.get(id);
    if (r !== undefined) toStop.set(id, r);
  }
  const reverse = new Map<string, string[]>();
  if (withReverseDependencies) {
    for (let expanded = true; expanded; ) {
      expanded = false;
      for (const [id, r] of env.runners) {
        if (toStop.has(id) || r.service instanceof HostService) continue;
        if (r.service.dependsOn().some((d) => toStop.has(d))) {
          toStop.set(id, r);
          expanded = true;
        }
      }
    }
    for (const [id, r] of toStop) {
      for (const dep of r.service.dependsOn()) reverse.set(dep, [...(reverse.get(dep) ?? []), id]);
    }
  }
  const never = new AbortController();
  await Promise.all(
    [...toStop].map(async ([id, r]) => {
      const revDeps = (reverse.get(id) ?? []).map((d) => env.runners.get(d)).filter((d) => d !== undefined);
      if (revDeps.length > 0) await downOrTimeout(env, id, revDeps);
      r.shutdown();
    }),
  );
  // upstream waits for every stopped service to be down; one never started (Initialized) would block forever
  await Promise.all(
    [...toStop.values()]
      .filter((r) => r.state !== 'Initialized' && !(r.service instanceof HostService))
      .map((r) => r.waitForEvent(['down'], never.signal)),
  );
}

/**
 * Waits for the reverse dependencies to be down, at most 30 s, then logs as machined does and goes on. By the time
 * machined prints the condition, every part of it has returned (with the timeout), so its description is empty:
 * the line reads `gave up on  while stopping "<id>"` (QUIRK).
 */
async function downOrTimeout(env: StopEnvironment, id: string, runners: readonly ServiceRunner[]): Promise<void> {
  const give = new AbortController();
  const down = Promise.all(runners.map((r) => r.waitForEvent(['down'], give.signal))).then(() => true);
  const timer = env.clock.sleep(REVERSE_DEPENDENCY_TIMEOUT_MS, give.signal).then(
    () => false,
    () => true,
  );
  const ok = await Promise.race([down.catch(() => false), timer]);
  give.abort(ABANDONED);
  if (!ok) env.logger.log('info', `gave up on  while stopping ${goQuote(id)}`);
}
