// Everything a user can observe of a node, printed canonically through its public surfaces: every resource of
// every registered type with its metadata, each collection's event history (as a watch with tail events replays
// it), the mount table, every file of the writable mounts and /etc, the log, the controllers and the services.
import type { StateEvent, TalosNode } from '../../src/index.js';

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { map: [...v] };
    if (ArrayBuffer.isView(v)) return { bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof Error) return { error: v.message };
    return v;
  });
}

function files(node: TalosNode, root: string, out: string[]): void {
  const fs = node.fs;
  const stack = [root];
  for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
    const st = fs.lstatSync(path);
    const times = `${st.atimeMs} ${st.mtimeMs} ${st.ctimeMs}`;
    let body = '';
    if (st.isFile()) body = Buffer.from(fs.readFileSync(path) as Uint8Array).toString('base64');
    else if (st.isSymbolicLink()) body = String(fs.readlinkSync(path));
    out.push(
      `file ${path} ${st.dev} ${st.ino} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.nlink} ${st.size} ${times} ${body}`,
    );
    if (st.isDirectory()) {
      const names = (fs.readdirSync(path) as string[]).sort().reverse();
      for (const name of names) stack.push(path === '/' ? `/${name}` : `${path}/${name}`);
    }
  }
}

export async function dumpNode(node: TalosNode): Promise<string> {
  const out: string[] = [`phase ${node.phase}`];
  const state = node.state;
  const namespaces = await state.list({ namespace: 'meta', type: 'Namespaces.meta.cosi.dev' });
  const types = await state.list({ namespace: 'meta', type: 'ResourceDefinitions.meta.cosi.dev' });
  const kinds = [
    { namespace: 'meta', type: 'Namespaces.meta.cosi.dev' },
    { namespace: 'meta', type: 'ResourceDefinitions.meta.cosi.dev' },
  ];
  for (const ns of namespaces) {
    for (const t of types) kinds.push({ namespace: ns.metadata.id, type: (t.spec as { type: string }).type });
  }
  // every collection's history, as watches with tail events replay it (all at once: empty ones never emit)
  const histories = kinds.map(() => [] as StateEvent[]);
  const subscriptions = kinds.map((kind, i) =>
    state.watchKind(kind, { tailEvents: 100_000 }).subscribe((e) => histories[i]?.push(e)),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  for (const s of subscriptions) s.unsubscribe();
  for (const [i, kind] of kinds.entries()) {
    const resources = await state.list(kind);
    const history = histories[i] ?? [];
    if (resources.length === 0 && history.length === 0) continue;
    out.push(`kind ${kind.namespace} ${kind.type}`);
    for (const r of resources) out.push(`  ${json(r)}`);
    for (const e of history) out.push(`  event ${e.type} ${json(e.resource)} ${json(e.old ?? null)}`);
  }
  for (const m of node.filesystem.mounts.list()) {
    out.push(`mount ${m.id} ${m.target} ${m.source} ${m.fstype} ${m.options.join(',')} ${m.root} ${m.dev} ${m.bind}`);
  }
  for (const root of ['/run', '/system', '/tmp', '/var', '/etc']) if (node.fs.existsSync(root)) files(node, root, out);
  for (const e of node.log.entries()) out.push(`log ${json(e)}`);
  out.push(`controllers ${json(node.runtime.controllers())}`);
  out.push(`services ${json(node.services.list())}`);
  return out.join('\n');
}
