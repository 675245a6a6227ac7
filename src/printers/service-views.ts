// talosctl's views of machined's services (cmd/talosctl/cmd/talos/service.go, and pkg/machinery/formatters before
// v1.14.0-alpha.2; the same texts in every release v1.0–v1.14): the `services` table, the detailed view of one
// service, and the NODE/RESPONSE table of start, stop and restart. Ages are `time.Since(ts).Round(time.Second)`
// on the clock given; every view goes through one text/tabwriter (padding 3), flushed at the end.
import { formatGoDuration, goQuote, tabwrite } from '../gofmt/index.js';
import type { ServiceHealth, ServiceInfo } from '../services/index.js';

/** One service as a node reported it. */
export interface NodeService {
  readonly node: string;
  readonly service: ServiceInfo;
}

/** Go's Duration.Round(time.Second) (halves away from zero) as Duration.String(): `0s`, `2m3s`, `1h0m5s`. */
export function goAge(now: number, timestamp: number): string {
  const ms = now - timestamp;
  const seconds = Math.sign(ms) * Math.round(Math.abs(ms) / 1000);
  return formatGoDuration(seconds * 1000);
}

/** serviceInfoWrapper.healthStatus: `?` without a check result, else `OK` or `Fail`. */
export function healthStatus(health: ServiceHealth): string {
  if (health.unknown) return '?';
  return health.healthy ? 'OK' : 'Fail';
}

/** `talosctl services`: NODE SERVICE STATE HEALTH LAST CHANGE LAST EVENT, a row per service as each node lists them. */
export function formatServiceList(services: readonly NodeService[], now: number): string {
  let text = 'NODE\tSERVICE\tSTATE\tHEALTH\tLAST CHANGE\tLAST EVENT\n';
  for (const { node, service } of services) {
    const last = service.events.at(-1);
    // lastUpdated is "" and lastEvent "<none>" for a service without events
    const age = last === undefined ? '' : goAge(now, last.timestamp);
    const event = last === undefined ? '<none>' : last.message;
    text += `${node}\t${service.id}\t${service.state}\t${healthStatus(service.health)}\t${age} ago\t${event}\n`;
  }
  return tabwrite(text);
}

/** `talosctl service <id>`: per node NODE, ID, STATE, HEALTH (LAST HEALTH MESSAGE), EVENTS newest first. */
export function formatServiceInfo(services: readonly NodeService[], now: number): string {
  let text = '';
  for (const { node, service } of services) {
    text += `NODE\t${node}\nID\t${service.id}\nSTATE\t${service.state}\nHEALTH\t${healthStatus(service.health)}\n`;
    if (service.health.lastMessage !== '') text += `LAST HEALTH MESSAGE\t${service.health.lastMessage}\n`;
    let label = 'EVENTS';
    for (const event of [...service.events].reverse()) {
      text += `${label}\t[${event.state}]: ${event.message} (${goAge(now, event.timestamp)} ago)\n`;
      label = '';
    }
  }
  return tabwrite(text);
}

/** The action talosctl names in machined's answer: `Service "<id>" started|stopped|restarted`. */
export type ServiceActionVerb = 'start' | 'stop' | 'restart';

const PAST: Readonly<Record<ServiceActionVerb, string>> = { start: 'started', stop: 'stopped', restart: 'restarted' };

/** machined's ServiceStart/Stop/Restart response text (`fmt.Sprintf("Service %q started", id)`). */
export function serviceActionResponse(action: ServiceActionVerb, id: string): string {
  return `Service ${goQuote(id)} ${PAST[action]}`;
}

/** The NODE/RESPONSE table of `talosctl service <id> start|stop|restart`. */
export function formatServiceActionTable(
  rows: readonly { readonly node: string; readonly response: string }[],
): string {
  return tabwrite(`NODE\tRESPONSE\n${rows.map((r) => `${r.node}\t${r.response}\n`).join('')}`);
}
