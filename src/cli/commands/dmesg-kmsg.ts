// How the node's log reaches `talosctl dmesg`: machined (and init in the initramfs) log through Go's std log into
// /dev/kmsg (go-kmsg's SetupLogger), so every Talos line is a user-space kernel record, and machined's Dmesg handler
// formats each record it reads back as `<facility>: <priority %7s>: [<RFC3339Nano>]: <message>`.
//
// Mapping of a NodeLog entry to records:
// - `{component: 'init'}` → `[talos] [initramfs] <message>` (init's logger prefix);
// - `{component: 'console'}` → `<message>`: a logToConsole service's output, written to log.Writer() as it is;
// - no fields but `{component: 'machined'}` → `[talos] <message>` (machined's std log: API requests and the like);
// - anything else → `[talos] <message> {"component": "…", "controller": "…", …}`: machined's zap loggers, console
//   encoder without time, level or caller, fields as spaced JSON in the order they were added.
// - Records: written without a `<N>` priority, so the kernel files them all as facility `user`, level `warning`
//   (the entry's own level is not visible, as on a real node); one record per line, only the first carrying the
//   prefix; a line over 976 bytes (1024 − 48, Talos's kmsg writer) keeps 972 and ends in `...`.
// - Time: the entry's, on the node's clock. machined adds the same sub-second part of the node's uptime to every
//   record of one read (bootTime = now − whole seconds of uptime); sim reads at whole seconds of uptime, so none.
import { CONSOLE_COMPONENT, type NodeLogEntry } from '../../index.js';
import { formatRfc3339Nano } from './go-time-format.js';

const MAX_LINE = 1024 - 48;
const HEX = '0123456789abcdef';

/** zap's JSON string escaping: `\\`, `"`, \n \r \t, other control bytes as \u00XX; nothing else. */
function zapString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else out += ch;
  }
  return `${out}"`;
}

function zapValue(value: unknown): string {
  if (typeof value === 'string') return zapString(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Error) return zapString(value.message);
  if (value === undefined || value === null) return 'null';
  return JSON.stringify(value);
}

/** The text machined's logger writes for an entry (one line, unless the message has newlines). */
export function machinedLogText(entry: NodeLogEntry): string {
  const fields = Object.entries(entry.fields);
  const component = entry.fields.component;
  if (component === 'init') return `[talos] [initramfs] ${entry.message}\n`;
  if (component === CONSOLE_COMPONENT) return `${entry.message}\n`;
  if (fields.every(([key]) => key === 'component') && (component === undefined || component === 'machined')) {
    return `[talos] ${entry.message}\n`;
  }
  const json = fields.map(([key, value]) => `${zapString(key)}: ${zapValue(value)}`).join(', ');
  return `[talos] ${entry.message} {${json}}\n`;
}

/** The kernel records Talos's kmsg writer makes of that text: each line with its newline, long ones cut. */
export function kmsgRecords(text: string): Buffer[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    const bytes = Buffer.from(`${line}\n`);
    return bytes.length > MAX_LINE ? Buffer.concat([bytes.subarray(0, MAX_LINE - 4), Buffer.from('...\n')]) : bytes;
  });
}

/**
 * A clock reading in milliseconds (virtual time may hold fractions: `advance: 999.6ms`) as nanoseconds, never
 * rounded to the next millisecond: the whole milliseconds exactly, the fraction to the microsecond (what a double
 * keeps of it at today's epoch milliseconds).
 */
function nanoseconds(ms: number): bigint {
  const whole = Math.floor(ms);
  const micros = Math.min(999, Math.round((ms - whole) * 1e3));
  return BigInt(whole) * 1_000_000n + BigInt(micros) * 1000n;
}

/** What `talosctl dmesg` prints for one entry of a node: `<node>: user: warning: [<time>]: <record>` per record. */
export function dmesgLines(node: string, entry: NodeLogEntry): Buffer {
  const time = formatRfc3339Nano(nanoseconds(entry.time));
  const prefix = Buffer.from(`${node}: user: warning: [${time}]: `);
  return Buffer.concat(kmsgRecords(machinedLogText(entry)).flatMap((record) => [prefix, record]));
}
