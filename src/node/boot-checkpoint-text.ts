// A boot checkpoint printed canonically: every resource and event of the state, the mount table, the tmpfs
// contents, the log lines and where the controllers and host services are. Two checkpoints print the same text
// exactly when a node continuing from either would be the same node (BootForks checks a rewritten checkpoint
// against a real boot with it; tests compare forked nodes with booted ones).
import { describeTmpfsSnapshot, type Filesystem } from '../overlayfs-sim/index.js';
import type { BootCheckpoint } from './boot-checkpoint.js';

/** JSON for plain data with Maps, Sets, byte arrays and Dates (a Metadata prints itself). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { map: [...v] };
    if (v instanceof Set) return { set: [...v] };
    if (ArrayBuffer.isView(v)) return { bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    return v;
  });
}

/** `content` rewrites the tmpfs files as a node continuing from the checkpoint would have them (restore's). */
export function describeCheckpoint(checkpoint: BootCheckpoint, content?: (data: Buffer) => Buffer): string {
  const out: string[] = [];
  for (const c of checkpoint.state) {
    const { capacity, writePos } = c.history;
    out.push(`collection ${c.namespace} ${c.type} capacity=${capacity} writePos=${writePos}`);
    for (const [id, r] of c.resources) out.push(`  resource ${id} ${json(r)}`);
    for (const e of c.history.stream) {
      if (e !== undefined) out.push(`  event ${e.pos} ${e.type} ${json(e.resource)} ${json(e.old ?? null)}`);
    }
  }
  const name = (fs: Filesystem): string => checkpoint.roles.get(fs) ?? 'unknown';
  for (const m of checkpoint.mounts.mounts) {
    out.push(
      `mount ${m.id} ${m.target} ${m.source} ${m.fstype} ro=${m.readOnly} bind=${m.bind} ${m.options.join(',')} ` +
        `root=${m.root} dev=${m.dev} ${name(m.filesystem)}`,
    );
  }
  for (const [fs, dev] of checkpoint.mounts.devs) out.push(`dev ${name(fs)} ${dev}`);
  out.push(`next mount id ${checkpoint.mounts.nextId}`);
  for (const [path, snapshot] of checkpoint.tmpfs) out.push(`tmpfs ${path}`, describeTmpfsSnapshot(snapshot, content));
  for (const e of checkpoint.log) out.push(`log ${json(e)}`);
  for (const subsystem of checkpoint.subsystems) out.push(`subsystem ${json(subsystem)}`);
  out.push(`identity ${json(checkpoint.identity ?? null)}`);
  return out.join('\n');
}
